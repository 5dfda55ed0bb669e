namespace VpDarts.Benchmark;

/// <summary>The three image-classification data sets that NAS-Bench-201 reports a test accuracy for.</summary>
public enum Nb201Dataset
{
    /// <summary>CIFAR-10 (10 classes, 32×32).</summary>
    Cifar10 = 0,
    /// <summary>CIFAR-100 (100 classes, 32×32).</summary>
    Cifar100 = 1,
    /// <summary>ImageNet16-120 (120 ImageNet classes downsampled to 16×16).</summary>
    ImageNet16_120 = 2,
}
