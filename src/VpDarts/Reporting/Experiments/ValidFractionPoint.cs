namespace VpDarts.Reporting;

/// <summary>One point of Figure 8: a validation fraction with the accuracy and search time of its finished
/// seeds.</summary>
/// <param name="Fraction">Fraction of search-valid drawn for each epoch's ablation.</param>
/// <param name="Cifar10">NB201 CIFAR-10 test accuracy of the found cells.</param>
/// <param name="SearchMinutes">Search time in minutes.</param>
public sealed record ValidFractionPoint(double Fraction, SummaryStats Cifar10, SummaryStats SearchMinutes);
