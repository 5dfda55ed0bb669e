namespace VpDarts.Export;

/// <summary>What a trained network's images look like and what its classes are called.</summary>
/// <param name="Size">Height and width of the input images in pixels.</param>
/// <param name="Mean">Per-channel mean in 0..1 units subtracted before the network.</param>
/// <param name="Std">Per-channel standard deviation in 0..1 units divided by before the network.</param>
/// <param name="ClassNames">One name per class, in output order.</param>
/// <param name="Dataset">The dataset the network was trained on, for the record (may be null).</param>
/// <param name="ImageSize">The <c>--image-size</c> the training images were resized and centre-cropped to; null when
/// they had that size already.</param>
/// <param name="DataSha256">The SHA-256 of the training data (<see cref="Data.DataFingerprint.Sha256"/>), when
/// known.</param>
public sealed record ModelInput(int Size, float[] Mean, float[] Std, IReadOnlyList<string> ClassNames, string? Dataset,
    int? ImageSize = null, string? DataSha256 = null);
