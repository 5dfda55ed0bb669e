namespace VpDarts.Proxies;

/// <summary>The images (N×C×H×W, float32, or float64 for a network of float64 weights) and labels a proxy scores a
/// network on.</summary>
public sealed record ProxyBatch(Tensor Images, Tensor Labels);
