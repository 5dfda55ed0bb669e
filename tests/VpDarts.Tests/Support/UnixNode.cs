using System.Runtime.InteropServices;

namespace VpDarts.Tests.Support;

/// <summary>Creates file-system entries that are not regular files.</summary>
internal static class UnixNode
{
    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    /// <summary>Creates a named pipe at <paramref name="path"/> (creating its folder); opening it for reading blocks until a writer comes.</summary>
    public static string Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (MkFifo(path, Convert.ToUInt32("644", 8)) != 0)
            throw new IOException($"mkfifo {path} failed with errno {Marshal.GetLastPInvokeError()}");
        return path;
    }
}
