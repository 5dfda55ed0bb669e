using System.Runtime.InteropServices;

namespace VpDarts.Runtime;

/// <summary>
/// Tells whether two paths name the same file, through symbolic links, <c>..</c> and hard links: on Linux by device and
/// inode (<c>statx(2)</c>) and by the resolved path (<c>realpath(3)</c>); elsewhere by the full path with its last
/// link resolved.
/// </summary>
public static partial class FileIdentity
{
    private const int CurrentDirectory = -100;      // AT_FDCWD
    private const int SymlinkNoFollow = 0x100;       // AT_SYMLINK_NOFOLLOW
    private const int EmptyPath = 0x1000;            // AT_EMPTY_PATH: the descriptor itself
    private const uint TypeField = 0x1;              // STATX_TYPE
    private const uint InodeField = 0x100;           // STATX_INO
    private const int BufferSize = 256;              // sizeof(struct statx): the same layout on every architecture
    private const int ModeOffset = 28;               // u16 stx_mode
    private const int InodeOffset = 32;              // u64 stx_ino
    private const int DeviceOffset = 136;            // u32 stx_dev_major, u32 stx_dev_minor

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    private static bool _nativeUnavailable = !OperatingSystem.IsLinux();

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> both exist and are one file (or
    /// folder).</summary>
    public static bool SameFile(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Identity(a) is { } ia && Identity(b) is { } ib) return ia == ib;
        return (File.Exists(a) || Directory.Exists(a)) && Resolved(a) == Resolved(b);
    }

    /// <summary>
    /// The absolute path of <paramref name="path"/> with every symbolic link and <c>..</c> resolved; the part that does
    /// not exist yet is appended as given.
    /// </summary>
    public static string Resolved(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var missing = new Stack<string>();
        for (var existing = full; ; existing = Path.GetDirectoryName(existing)!)
        {
            if (Real(existing) is { } real)
                return missing.Aggregate(real, Path.Combine);
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return full;
            missing.Push(Path.GetFileName(existing));
        }
    }

    /// <summary>Whether <paramref name="path"/>, resolved, lies inside the folder <paramref name="folder"/> (resolved)
    /// or is that folder.</summary>
    public static bool IsWithin(string path, string folder)
    {
        var inner = Resolved(path);
        var outer = Resolved(folder).TrimEnd(Path.DirectorySeparatorChar);
        return inner == outer || inner.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// Device and inode of <paramref name="path"/> (a symbolic link itself unless <paramref name="followLinks"/>), with
    /// its file mode (type and permission bits); null where that cannot be told (no such file, not Linux).
    /// </summary>
    public static (ulong Device, ulong Inode)? Of(string path, bool followLinks, out ushort mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        mode = 0;
        if (path.Length == 0 || path.Contains('\0')) return null;
        return Stat(CurrentDirectory, Path.GetFullPath(path), followLinks ? 0 : SymlinkNoFollow, out mode);
    }

    /// <summary>Device and inode of the open file <paramref name="descriptor"/>, with its file mode; null where that
    /// cannot be told.</summary>
    public static (ulong Device, ulong Inode)? OfDescriptor(int descriptor, out ushort mode)
        => Stat(descriptor, "", EmptyPath, out mode);

    private static (ulong Device, ulong Inode)? Identity(string path) => Of(path, followLinks: true, out _);

    private static (ulong Device, ulong Inode)? Stat(int directory, string path, int flags, out ushort mode)
    {
        mode = 0;
        if (_nativeUnavailable) return null;
        Span<byte> buffer = stackalloc byte[BufferSize];
        try
        {
            if (Statx(directory, path, flags, TypeField | InodeField, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _nativeUnavailable = true;
            return null;
        }
        mode = MemoryMarshal.Read<ushort>(buffer[ModeOffset..]);
        var device = ((ulong)MemoryMarshal.Read<uint>(buffer[DeviceOffset..]) << 32)
            | MemoryMarshal.Read<uint>(buffer[(DeviceOffset + 4)..]);
        return (device, MemoryMarshal.Read<ulong>(buffer[InodeOffset..]));
    }

    /// <summary>The resolved form of an existing path; null when it does not exist (or cannot be looked up).</summary>
    private static string? Real(string path)
    {
        if (!_nativeUnavailable)
        {
            try
            {
                var pointer = RealPath(path, IntPtr.Zero);
                if (pointer == IntPtr.Zero) return null;
                try { return Marshal.PtrToStringUTF8(pointer); }
                finally { Free(pointer); }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _nativeUnavailable = true;
            }
        }
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists) return null;
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
