namespace VpDarts.Data;

/// <summary>Where a download comes from and the MD5 checksum its bytes must have.</summary>
/// <param name="Url">The archive or file URL.</param>
/// <param name="Md5">Lower-case hexadecimal MD5 of the file.</param>
public sealed record DownloadSource(Uri Url, string Md5)
{
    /// <summary>The official CIFAR-10 binary archive.</summary>
    public static DownloadSource Cifar10 { get; } =
        new(new Uri("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), "c32a1d4ab5d03f1284b67883e8d87530");

    /// <summary>The official CIFAR-100 binary archive.</summary>
    public static DownloadSource Cifar100 { get; } =
        new(new Uri("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"), "03b5dce01913d631647c71ecec9e9cb8");
}
