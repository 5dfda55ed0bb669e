using System.Text.RegularExpressions;
using VpDarts.Runtime;

namespace VpDarts.Data;

/// <summary>
/// Names for the files and folders that downloads and extractions write before renaming them into place, carrying
/// the writer's process id (<c>NAME.partial-PID-TAG</c>; a plain <c>NAME.partial-PID</c> is recognised too), so that
/// what a killed process left behind can be told from work in progress and removed.
/// </summary>
internal static partial class StagingPaths
{
    [GeneratedRegex(@"\.partial-(\d{1,10})(?:-[0-9a-f]{1,32})?$", RegexOptions.CultureInvariant)]
    private static partial Regex StagingName();

    /// <summary>A staging name beside <paramref name="target"/>, unique to this process and call.</summary>
    public static string ForUnique(string target)
        => $"{target}.partial-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>Deletes the staging files and folders directly inside <paramref name="folder"/> whose process no longer
    /// runs.</summary>
    public static void RemoveStale(string folder) => RemoveStale(folder, StagingName());

    /// <summary>
    /// Deletes the files and folders directly inside <paramref name="folder"/> whose name matches
    /// <paramref name="name"/>, whose first group is the id of the process that wrote them, when it no longer runs.
    /// </summary>
    public static void RemoveStale(string folder, Regex name)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFileSystemEntries(folder))
        {
            var match = name.Match(Path.GetFileName(path));
            if (!match.Success
                || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (IsRunning(pid)) continue;
            if (Directory.Exists(path)) AtomicFile.TryDeleteDirectory(path);
            else AtomicFile.TryDelete(path);
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
