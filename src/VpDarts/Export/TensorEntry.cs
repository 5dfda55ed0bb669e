namespace VpDarts.Export;

/// <summary>A tensor of an exported network: its PyTorch-style name and shape.</summary>
public sealed record TensorEntry(string Name, long[] Shape)
{
    /// <summary>Number of elements (the product of the shape; 1 for a scalar).</summary>
    [JsonIgnore] public long Elements => Shape.Aggregate(1L, (a, b) => checked(a * b));
}
