namespace VpDarts.Data;

/// <summary>
/// Dataset specs as a run records them: a <c>folder:</c> path made absolute, so that a run resumed from another
/// working folder reads the same images.
/// </summary>
public static class DatasetSpec
{
    private const string FolderPrefix = "folder:";

    /// <summary><paramref name="spec"/> with the path of a <c>folder:</c> spec made absolute (against the working
    /// folder); other specs as given.</summary>
    public static string Absolute(string spec) =>
        RelativeFolder(spec) is { } path ? FolderPrefix + Path.GetFullPath(path) : spec;

    /// <summary>The path of a <c>folder:</c> spec when it is relative (an older <c>config.json</c> recorded it as
    /// typed); else null.</summary>
    public static string? RelativeFolder(string? spec)
    {
        var s = (spec ?? "").Trim();
        if (!s.StartsWith(FolderPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var path = s[FolderPrefix.Length..];
        return path.Length == 0 || Path.IsPathRooted(path) ? null : path;
    }
}
