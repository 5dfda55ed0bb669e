namespace VpDarts.Data;

/// <summary>
/// An in-memory image classification split: all images as one uint8 tensor <c>[N, C, H, W]</c> on the CPU and
/// their labels as an int64 tensor <c>[N]</c>, with the per-channel statistics used for normalisation.
/// The dataset owns both tensors and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    private long[]? _labelArray;

    /// <summary>Wraps the tensors (detaching them from any dispose scope) after checking their shapes and
    /// types.</summary>
    /// <param name="name">Dataset name, e.g. <c>cifar10</c>.</param>
    /// <param name="images">uint8 <c>[N, C, H, W]</c> with H = W, on the CPU.</param>
    /// <param name="labels">int64 <c>[N]</c>, every value in <c>0 .. classNames.Count − 1</c>.</param>
    /// <param name="classNames">One name per class, in label order.</param>
    /// <param name="mean">Per-channel mean in 0..1 units.</param>
    /// <param name="std">Per-channel standard deviation in 0..1 units (positive).</param>
    public ImageDataset(string name, Tensor images, Tensor labels, IReadOnlyList<string> classNames,
        float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException($"images must be uint8 [N, C, H, W], got {images.dtype} " +
                $"[{string.Join(", ", images.shape)}]", nameof(images));
        if (images.shape[2] != images.shape[3])
            throw new ArgumentException(
                $"images must be square, got {images.shape[2]}x{images.shape[3]}", nameof(images));
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must be int64 [{images.shape[0]}], got {labels.dtype} " +
                $"[{string.Join(", ", labels.shape)}]", nameof(labels));
        if (images.device_type != DeviceType.CPU || labels.device_type != DeviceType.CPU)
            throw new ArgumentException("images and labels must be on the CPU");
        var channels = (int)images.shape[1];
        if (mean.Length != channels || std.Length != channels)
            throw new ArgumentException($"mean and std need {channels} values, got {mean.Length} and {std.Length}");
        if (std.Any(s => !(s > 0)))
            throw new ArgumentException("std values must be positive", nameof(std));
        if (classNames.Count == 0) throw new ArgumentException("at least one class is needed", nameof(classNames));

        Name = name;
        Images = images.contiguous().DetachFromDisposeScope();
        if (!ReferenceEquals(Images, images)) images.Dispose();
        Labels = labels.DetachFromDisposeScope();
        ClassNames = classNames.ToArray();
        Mean = (float[])mean.Clone();
        Std = (float[])std.Clone();
    }

    /// <summary>Dataset name, e.g. <c>cifar10</c> or <c>folder:/data/pets</c>.</summary>
    public string Name { get; }

    /// <summary>All images, uint8 <c>[N, C, H, W]</c> on the CPU.</summary>
    public Tensor Images { get; }

    /// <summary>All labels, int64 <c>[N]</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Per-channel mean in 0..1 units (the training split's, or the published value).</summary>
    public float[] Mean { get; }

    /// <summary>Per-channel standard deviation in 0..1 units.</summary>
    public float[] Std { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Number of channels (3 for RGB, 1 for grey).</summary>
    public int Channels => (int)Images.shape[1];

    /// <summary>Image height and width in pixels.</summary>
    public int Size => (int)Images.shape[2];

    /// <summary>The labels as a managed array (copied once, then reused).</summary>
    public long[] LabelArray => _labelArray ??= Labels.data<long>().ToArray();

    /// <summary>Number of images per class, in label order.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (var label in LabelArray) counts[label]++;
        return counts;
    }

    /// <summary>Frees the image and label tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    /// <summary>
    /// Builds a dataset from planar pixel bytes (<c>N·C·H·W</c>, image-major, channel-planar) and labels.
    /// </summary>
    internal static ImageDataset FromBytes(string name, byte[] pixels, int count, int channels, int size,
        long[] labels, IReadOnlyList<string> classNames, float[] mean, float[] std)
    {
        var images = TensorBytes.FromBytes(pixels, [count, channels, size, size]);
        var labelTensor = torch.tensor(labels, dtype: ScalarType.Int64);
        var dataset = new ImageDataset(name, images, labelTensor, classNames, mean, std);
        dataset._labelArray = (long[])labels.Clone();
        return dataset;
    }
}
