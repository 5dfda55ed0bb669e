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

    /// <summary>
    /// <paramref name="spec"/> as a shared model records it: a <c>folder:</c> spec keeps only the folder's (or
    /// archive's) own name, <c>folder:NAME</c>, so that no local path leaves the trainer's machine; other specs as
    /// given. The data itself is identified by its fingerprint (<see cref="DataFingerprint.Sha256"/>).
    /// </summary>
    public static string? Shareable(string? spec)
    {
        var s = spec?.Trim();
        if (s is null || !s.StartsWith(FolderPrefix, StringComparison.OrdinalIgnoreCase)) return spec;
        var path = s[FolderPrefix.Length..].Replace('\\', '/').TrimEnd('/');
        return FolderPrefix + path[(path.LastIndexOf('/') + 1)..];
    }

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
