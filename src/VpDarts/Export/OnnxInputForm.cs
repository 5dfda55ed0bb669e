namespace VpDarts.Export;

/// <summary>What an exported ONNX graph takes as input. See <c>docs/MODEL_FORMAT.md</c>, "ONNX: the plain graph and
/// the graph with preprocessing".</summary>
public enum OnnxInputForm
{
    /// <summary>The plain graph (<c>model.onnx</c>): input <c>images</c>, float32 [batch, C, H, W], already
    /// normalised (pixel / 255 − mean) / std per channel.</summary>
    Normalised,
    /// <summary>The graph with preprocessing (<c>model-preprocessed.onnx</c>): input <c>pixels</c>, uint8
    /// [batch, C, H, W] in 0..255, channel-planar; the graph normalises them with the model's mean and std.</summary>
    Pixels,
}
