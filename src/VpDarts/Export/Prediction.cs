namespace VpDarts.Export;

/// <summary>The class an exported network gives one image file.</summary>
/// <param name="File">The image file as given.</param>
/// <param name="ClassIndex">The most probable class.</param>
/// <param name="ClassName">Its name from <c>model.json</c>.</param>
/// <param name="Probability">Its softmax probability.</param>
public sealed record Prediction(string File, int ClassIndex, string ClassName, float Probability);
