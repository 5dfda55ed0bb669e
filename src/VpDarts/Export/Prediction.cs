namespace VpDarts.Export;

/// <summary>The class an exported network gives one image file.</summary>
/// <param name="File">The image file as given.</param>
/// <param name="ClassIndex">The most probable class.</param>
/// <param name="ClassName">Its name from <c>model.json</c>.</param>
/// <param name="Probability">Its softmax probability.</param>
/// <param name="Probabilities">The softmax probability of every class, in class order (the same float32 values the
/// network computed; <paramref name="Probability"/> is one of them).</param>
public sealed record Prediction(string File, int ClassIndex, string ClassName, float Probability,
    IReadOnlyList<float> Probabilities);
