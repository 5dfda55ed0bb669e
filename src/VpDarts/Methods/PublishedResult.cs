namespace VpDarts.Methods;

/// <summary>
/// A method's published CIFAR-10 test accuracy on NAS-Bench-201 at full scale, with the label and variant name the
/// <c>methods</c> experiment gives it and the publication it comes from.
/// </summary>
/// <param name="Variant">The variant's name in the experiment folder.</param>
/// <param name="Label">The method as tables name it.</param>
/// <param name="Accuracy">Mean ± standard deviation, as published.</param>
/// <param name="Source">The publication.</param>
public sealed record PublishedResult(string Variant, string Label, string Accuracy, string Source);
