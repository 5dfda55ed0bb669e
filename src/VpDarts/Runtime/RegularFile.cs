using System.Runtime.InteropServices;

namespace VpDarts.Runtime;

/// <summary>
/// Tells regular files from everything else before anything opens them. Opening a named pipe for reading blocks until
/// some writer opens it too, and a device may never end, so only regular files (or links to them) are read. .NET
/// reports no file type on Unix (a named pipe's attributes read <c>Normal</c>), so on Linux the type comes from
/// <c>statx(2)</c>: it needs no open, and its buffer has the same layout on every architecture.
/// </summary>
public static partial class RegularFile
{
    private const int CurrentDirectory = -100;      // AT_FDCWD
    private const uint TypeField = 0x1;              // STATX_TYPE
    private const int BufferSize = 256;              // sizeof(struct statx)
    // after u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid
    private const int ModeOffset = 28;
    private const int NoSuchEntry = 2;               // ENOENT
    private const int NotAFolder = 20;               // ENOTDIR: a path component is a file

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> buffer);

    private static bool _statxUnavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Throws unless <paramref name="path"/> names a regular file: <c>PATH: <paramref name="missing"/></c> when nothing
    /// is there, <c>PATH: not a regular file (a named pipe); only regular files are read</c> and the like otherwise.
    /// </summary>
    /// <exception cref="UserInputException">The path is missing, not a regular file, or cannot be looked
    /// up.</exception>
    public static void Require(string path, string missing = "file not found")
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = KindOf(path);
        if (kind == FileKind.Missing) throw new UserInputException($"{path}: {missing}");
        if (kind != FileKind.Regular)
            throw new UserInputException($"{path}: not a regular file ({Describe(kind)}); only regular files are read");
    }

    /// <summary>What <paramref name="path"/> names, following symbolic links, without opening it.</summary>
    /// <exception cref="UserInputException">The lookup itself fails (e.g. permission denied on a folder of the
    /// path).</exception>
    public static FileKind KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0')) return FileKind.Missing;
        var full = Path.GetFullPath(path);
        if (!_statxUnavailable)
        {
            Span<byte> buffer = stackalloc byte[BufferSize];
            try
            {
                if (Statx(CurrentDirectory, full, 0, TypeField, buffer) == 0)
                    return FromMode(MemoryMarshal.Read<ushort>(buffer[ModeOffset..]));
                var error = Marshal.GetLastPInvokeError();
                if (error is NoSuchEntry or NotAFolder) return FileKind.Missing;
                throw new UserInputException($"{path}: cannot look it up ({Marshal.GetPInvokeErrorMessage(error)})");
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _statxUnavailable = true;  // a C library without statx (glibc before 2.28): only what .NET tells
            }
        }
        if (Directory.Exists(full)) return FileKind.Folder;
        return File.Exists(full) ? FileKind.Regular : FileKind.Missing;
    }

    private static FileKind FromMode(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Folder,
        0x1000 => FileKind.NamedPipe,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    /// <summary>How messages name a kind of file: <c>a named pipe</c>, <c>a character device</c>, ….</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "nothing",
        FileKind.Regular => "a regular file",
        FileKind.Folder => "a folder",
        FileKind.NamedPipe => "a named pipe",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "neither a file nor a folder",
    };
}
