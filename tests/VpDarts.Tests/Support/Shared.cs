namespace VpDarts.Tests.Support;

/// <summary>Locates the repository and the read-only <c>../shared</c> folder beside it.</summary>
public static class Shared
{
    /// <summary>The repository root (the folder holding VpDarts.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared folder beside the checkout.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>A path inside the shared folder.</summary>
    public static string In(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The NB201 200-epoch accuracy table.</summary>
    public static string Nb201Table => In("nb201", "nb201-test-accuracy-200ep.csv");

    /// <summary>The golden-output folder.</summary>
    public static string Golden => In("reference", "golden");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VpDarts.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (VpDarts.slnx) above " + AppContext.BaseDirectory);
    }
}
