namespace VpDarts.Tests.Support;

/// <summary>
/// A test that reads Fashion-MNIST from Debian's <c>dataset-fashion-mnist</c> package (installed by .ci/run). Where
/// the package is absent the test is skipped with that reason instead of failing: the data is optional on a fresh
/// machine, and the embedded demo sample covers the code paths everywhere.
/// </summary>
public sealed class DebianFashionMnistFactAttribute : FactAttribute
{
    /// <summary>Where the package puts the files.</summary>
    public const string Folder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Skips unless <see cref="Folder"/> exists.</summary>
    public DebianFashionMnistFactAttribute()
    {
        if (!Directory.Exists(Folder)) Skip = $"{Folder} is absent: apt-get install dataset-fashion-mnist to run this test";
    }
}
