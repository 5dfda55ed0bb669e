namespace VpDarts.Export;

/// <summary>The weight file of an exported model to load.</summary>
public enum ModelFormat
{
    /// <summary><c>model.safetensors</c>: PyTorch state-dict names, readable from Python.</summary>
    Safetensors,
    /// <summary><c>model.bin</c>: TorchSharp's own <c>Module.save</c> format.</summary>
    TorchSharp,
}
