namespace VpDarts.Data;

/// <summary>A batch of images and labels.</summary>
public readonly record struct Batch(Tensor Images, Tensor Labels);
