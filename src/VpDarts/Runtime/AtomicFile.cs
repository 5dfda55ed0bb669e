namespace VpDarts.Runtime;

/// <summary>
/// Writes files so that readers see the old content or the new, never half of either: temp + fsync + rename. An
/// existing device, named pipe or socket at the path is refused, never replaced.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Writes whatever <paramref name="fill"/> puts into the stream to <paramref name="path"/>
    /// atomically.</summary>
    public static void Write(string path, Action<Stream> fill) => WriteVia(path, temp =>
    {
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        fill(stream);
    });

    /// <summary>Writes a file produced by <paramref name="save"/> (which writes to the path it is given)
    /// atomically.</summary>
    public static void WriteVia(string path, Action<string> save)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var kind = RegularFile.KindOf(full);
        // the rename would put a file in a device's or pipe's place
        if (kind is not (FileKind.Missing or FileKind.Regular or FileKind.Folder))
            throw new UserInputException(
                $"{full}: not a regular file ({RegularFile.Describe(kind)}); only regular files are replaced");
        Directory.CreateDirectory(folder);
        var temp = TempSibling(full);
        try
        {
            save(temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
                stream.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is IOException or UnauthorizedAccessException)
                throw new UserInputException($"{full}: cannot write ({OneLine.Of(e)})", e);
            throw;
        }
    }

    /// <summary>A unique temporary name beside <paramref name="path"/> (same folder, so the final rename is
    /// atomic).</summary>
    public static string TempSibling(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!,
            $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Removes the temporaries that writes of <paramref name="path"/> by processes no longer running left beside it
    /// (<see cref="TempSibling"/> names them <c>.NAME.PID.GUID.tmp</c>), and returns how many. A process killed between
    /// creating its temporary and renaming it leaves one behind; a temporary of a process that is still running on this
    /// machine is kept. (On a folder shared between machines, a live writer elsewhere would lose its temporary; its
    /// rename then fails and says so, and the file it was replacing stays as it was.)
    /// </summary>
    public static int RemoveStaleTemporaries(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var prefix = $".{Path.GetFileName(full)}.";
        if (!Directory.Exists(folder)) return 0;
        var removed = 0;
        try
        {
            foreach (var temp in Directory.EnumerateFiles(folder, prefix + "*.tmp").ToList())
            {
                var name = Path.GetFileName(temp);
                // the file name itself held a wildcard
                if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var parts = name[prefix.Length..^".tmp".Length].Split('.');
                if (parts.Length != 2 || !Guid.TryParseExact(parts[1], "N", out _) ||
                    !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
                    IsRunning(pid))
                    continue;
                TryDelete(temp);
                if (!File.Exists(temp)) removed++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return removed;
    }

    /// <summary>
    /// Removes every temporary in <paramref name="folder"/> that <see cref="TempSibling"/> named for a process no
    /// longer running on this machine (<c>.NAME.PID.GUID.tmp</c>, whatever NAME), as
    /// <see cref="RemoveStaleTemporaries"/> does for one file's; returns how many.
    /// </summary>
    public static int RemoveStaleTemporariesIn(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) return 0;
        var removed = 0;
        try
        {
            foreach (var temp in Directory.EnumerateFiles(full, ".*.tmp").ToList())
            {
                var parts = Path.GetFileName(temp).Split('.');
                // "", NAME parts…, PID, GUID, "tmp": NAME itself may hold dots
                if (parts.Length < 5 || parts[0].Length != 0 || parts[^1] != "tmp" ||
                    !Guid.TryParseExact(parts[^2], "N", out _) ||
                    !int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
                    IsRunning(pid))
                    continue;
                TryDelete(temp);
                if (!File.Exists(temp)) removed++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return removed;
    }

    /// <summary>Whether a process with id <paramref name="pid"/> runs on this machine (this process counts as
    /// running).</summary>
    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }

    /// <summary>Deletes a file if it exists, ignoring failures.</summary>
    public static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Deletes a folder tree if it exists, ignoring failures.</summary>
    public static void TryDeleteDirectory(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
