using System.Runtime.InteropServices;

namespace VpDarts.Data;

/// <summary>
/// Tells regular files from named pipes, devices, sockets and folders without opening them: opening a named pipe
/// for reading blocks until something writes to it, and .NET's file information does not show the file type.
/// Symbolic links are followed, so a link to a regular file counts as one.
/// </summary>
public static partial class RegularFile
{
    private const int AtCurrentDirectory = -100;  // AT_FDCWD
    private const uint StatxType = 0x1;           // STATX_TYPE
    private const int StatxModeOffset = 28;       // offsetof(struct statx, stx_mode), the same on every architecture
    private const int StatxSize = 256;            // sizeof(struct statx)

    private static volatile bool _unavailable = !OperatingSystem.IsLinux();

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    /// <summary>
    /// What <paramref name="path"/> is when it is neither a regular file nor missing, e.g. <c>a named pipe</c>; null
    /// for a regular file, a missing path, or where the type cannot be learnt (not Linux, or <c>statx</c> refused).
    /// </summary>
    public static unsafe string? NonRegularKind(string path)
    {
        if (_unavailable) return null;
        var buffer = stackalloc byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, 0, StatxType, buffer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }
        if (result != 0 || (*(uint*)buffer & StatxType) == 0) return null;
        var mode = *(ushort*)(buffer + StatxModeOffset);
        return (mode & 0xF000) switch
        {
            0x8000 => null,
            0x1000 => "a named pipe",
            0x2000 => "a character device",
            0x4000 => "a folder",
            0x6000 => "a block device",
            0xC000 => "a socket",
            var other => $"a file of mode type 0{Convert.ToString(other, 8)}",
        };
    }

    /// <summary>Throws unless <paramref name="path"/> is a regular file (or a link to one), or cannot be checked; never opens it.</summary>
    /// <exception cref="UserInputException">The path is a named pipe, a device, a socket or a folder.</exception>
    public static void Require(string path)
    {
        if (NonRegularKind(path) is { } kind)
            throw new UserInputException($"{path}: not a regular file but {kind}; only regular files are read");
    }
}
