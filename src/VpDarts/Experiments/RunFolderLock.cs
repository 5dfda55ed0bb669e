namespace VpDarts.Experiments;

/// <summary>
/// Whether a process holds a run folder's lock: <c>.vpdarts-lock</c> in the folder, held with an exclusive
/// <c>flock(2)</c> by the process writing the run. A lock file alone means nothing (a process that exits or dies
/// releases the lock and leaves the file).
/// </summary>
public static class RunFolderLock
{
    /// <summary>File name of the lock inside a run folder.</summary>
    public const string FileName = ".vpdarts-lock";

    /// <summary>Whether <paramref name="runRoot"/> holds a lock file (the run was started by a version that locks its folder).</summary>
    public static bool HasLockFile(string runRoot) => File.Exists(Path.Combine(runRoot, FileName));

    /// <summary>
    /// Whether another process holds the lock of <paramref name="runRoot"/> now. To find out, the lock is tried for an
    /// instant without waiting (.NET takes an exclusive <c>flock</c> for <see cref="FileShare.None"/>) and let go at
    /// once; false when there is no lock file or it cannot be opened.
    /// </summary>
    public static bool IsHeld(string runRoot)
    {
        var path = Path.Combine(runRoot, FileName);
        if (!File.Exists(path)) return false;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException) when (File.Exists(path))
        {
            return true;  // the sharing violation of a held lock
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
