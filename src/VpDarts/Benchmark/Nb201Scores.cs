namespace VpDarts.Benchmark;

/// <summary>The 200-epoch test accuracies (in %, 0..100) of one cell on the three NB201 data sets.</summary>
/// <param name="Cifar10">Test accuracy on CIFAR-10.</param>
/// <param name="Cifar100">Test accuracy on CIFAR-100.</param>
/// <param name="ImageNet16_120">Test accuracy on ImageNet16-120.</param>
public readonly record struct Nb201Scores(double Cifar10, double Cifar100, double ImageNet16_120)
{
    /// <summary>The accuracy on <paramref name="dataset"/>.</summary>
    public double this[Nb201Dataset dataset] => dataset switch
    {
        Nb201Dataset.Cifar10 => Cifar10,
        Nb201Dataset.Cifar100 => Cifar100,
        Nb201Dataset.ImageNet16_120 => ImageNet16_120,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "not an NB201 data set"),
    };
}
