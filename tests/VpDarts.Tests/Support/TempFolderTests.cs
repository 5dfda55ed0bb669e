namespace VpDarts.Tests.Support;

/// <summary>A test class whose every test gets a fresh temp folder, <see cref="Root"/>, deleted after the test.</summary>
public abstract class TempFolderTests(string prefix) : IDisposable
{
    /// <summary>This test's temp folder.</summary>
    protected string Root { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A path inside the temp folder.</summary>
    protected string In(params string[] parts) => Path.Combine([Root, .. parts]);

    public virtual void Dispose()
    {
        Directory.Delete(Root, true);
        GC.SuppressFinalize(this);
    }
}
