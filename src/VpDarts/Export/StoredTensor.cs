namespace VpDarts.Export;

/// <summary>A tensor as a weight file's header describes it, before any of its data is read.</summary>
/// <param name="Name">The state-dict name.</param>
/// <param name="ElementType">The element type as the file names it (<c>F32</c> in safetensors, <c>Float32</c> in
/// TorchSharp's format).</param>
/// <param name="Shape">The dimensions.</param>
public sealed record StoredTensor(string Name, string ElementType, long[] Shape);
