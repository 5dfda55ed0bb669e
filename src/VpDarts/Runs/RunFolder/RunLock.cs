using System.Runtime.InteropServices;
using VpDarts.Runtime;

namespace VpDarts.Runs;

/// <summary>
/// The one-writer lock of a run folder: an exclusive <c>flock(2)</c> on <see cref="FileName"/> inside the folder, taken
/// without waiting. The kernel drops it when the holder's process ends however it ends, so the lock of a dead process
/// is no lock, by construction. The holder writes who it is (<see cref="RunLockHolder"/>) into the file, so a second
/// writer is refused with one line naming it. The lock is taken with explicit system calls, so it holds whatever .NET's
/// own file locking does (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>); on a file system that has no <c>flock</c> at all
/// (Lustre mounted without <c>-o flock</c>) runs go on unlocked. On NFS the kernel maps it onto NFS locks, across
/// hosts.
/// <para>
/// A process that holds a folder may take it again (a report written at the end of a search, nested helpers): each
/// <see cref="Acquire"/> gets its own handle and the folder is released when the last one is disposed. The lock
/// separates processes; threads of one process share it.
/// </para>
/// </summary>
/// <example><code>using var writer = RunLock.Acquire(folder, "RUN_DIR", "vpdarts report");</code></example>
public sealed partial class RunLock : IDisposable
{
    /// <summary>The lock file inside a run folder; it is never moved or deleted while the folder is in use.</summary>
    public const string FileName = ".vpdarts-lock";

    private static readonly object Gate = new();
    private static readonly Dictionary<string, (int Fd, int FolderFd, int Count)> Held = new(StringComparer.Ordinal);

    private bool _released;

    private RunLock(string folder) => Folder = folder;

    /// <summary>The folder this handle holds (absolute).</summary>
    public string Folder { get; }

    /// <summary>
    /// Takes the lock of the existing folder <paramref name="folder"/> for <paramref name="command"/> (e.g.
    /// <c>vpdarts report</c>), creating the lock file if needed. Throws, writing nothing, when another process holds
    /// it: <c>OPTION FOLDER: in use by another vpdarts process (pid 1234 on host, 'vpdarts search', since 14:02:11
    /// UTC); wait for it or choose another folder</c>.
    /// </summary>
    /// <remarks>
    /// Two locks are taken: one on the folder itself, which stays with the folder whatever is deleted inside it or
    /// whatever it is renamed to, so deleting the lock file lets no second writer in; and one on the lock file, which
    /// NFS carries across hosts (NFS cannot lock a folder, so there the file's lock is the only one). The lock file is
    /// opened without following a symbolic link, must be a regular file, and must still be the file at its path once
    /// locked (a file deleted and made again in the meantime is a new file: then it is taken again).
    /// </remarks>
    /// <exception cref="UserInputException">Another process holds the folder, or the lock file cannot be
    /// opened.</exception>
    public static RunLock Acquire(string folder, string option, string command = "vpdarts")
    {
        ArgumentNullException.ThrowIfNull(folder);
        var root = Path.GetFullPath(folder);
        lock (Gate)
        {
            if (Held.TryGetValue(root, out var held))
            {
                Held[root] = held with { Count = held.Count + 1 };
                return new RunLock(root);
            }
            var path = Path.Combine(root, FileName);
            var folderFd = Open(root, ReadOnly | OpenFolder | CloseOnExec, 0);
            if (folderFd < 0)
                throw new UserInputException($"{option} {root}: cannot open the run folder " +
                    $"({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            var fd = -1;
            try
            {
                if (TryLock(folderFd) is var folderError and not 0)
                {
                    if (folderError == WouldBlock) throw InUse(option, root, ReadHolder(path));
                    // NFS (flock on a folder: EBADF or ENOLCK) and file systems without flock: the file's lock below
                    // decides.
                    if (folderError is not (BadDescriptor or NotImplemented or NotSupported or NoLocks))
                        throw new UserInputException($"{option} {root}: cannot lock the run folder " +
                            $"({Marshal.GetPInvokeErrorMessage(folderError)})");
                }
                fd = OpenLockFile(path, option, root);
                WriteHolder(fd, RunLockHolder.Current(command));
                Held[root] = (fd, folderFd, 1);
                return new RunLock(root);
            }
            catch
            {
                if (fd >= 0) Close(fd);
                Close(folderFd);
                throw;
            }
        }
    }

    /// <summary>Opens and locks the lock file <paramref name="path"/>; a file replaced while it was being locked is
    /// taken again.</summary>
    private static int OpenLockFile(string path, string option, string root)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fd = Open(path, ReadWrite | Create | NoFollow | CloseOnExec, 0x1A4 /* 0644 */);
            if (fd < 0)
            {
                var openError = Marshal.GetLastPInvokeError();
                if (openError == SymbolicLinkLoop)
                    throw new UserInputException($"{option} {root}: the lock file {FileName} is a symbolic link, " +
                        "which vpdarts never writes through; remove it");
                throw new UserInputException($"{option} {root}: cannot open the lock file {FileName} " +
                    $"({Marshal.GetPInvokeErrorMessage(openError)})");
            }
            var kept = false;
            try
            {
                if (Identity(fd, null, out var mode) is not null && (mode & 0xF000) != 0x8000)
                    throw new UserInputException(
                        $"{option} {root}: the lock file {FileName} is not a regular file; remove it");
                if (TryLock(fd) is var error and not 0)
                {
                    if (error == WouldBlock) throw InUse(option, root, ReadHolder(fd));
                    if (error is not (NotImplemented or NotSupported or NoLocks))
                        throw new UserInputException(
                            $"{option} {root}: cannot lock {FileName} ({Marshal.GetPInvokeErrorMessage(error)})");
                    // A file system without flock (Lustre mounted without -o flock, some FUSE file systems): runs go on
                    // unlocked there, as they did before the lock existed, rather than not at all.
                }
                var locked = Identity(fd, null, out _);
                if (locked is null || locked == Identity(-1, path, out _) || attempt == 20)
                {
                    kept = true;
                    return fd;
                }
                // The file was deleted (and perhaps made again) between the open and the lock: its lock guards nothing.
            }
            finally
            {
                if (!kept) Close(fd);
            }
        }
    }

    /// <summary>
    /// Whether the folder's path still names the folder this handle holds: false once the folder was moved, renamed or
    /// deleted (a folder at the old path is another folder). True where that cannot be told.
    /// </summary>
    public bool StillAtItsPath()
    {
        lock (Gate)
        {
            if (_released || !Held.TryGetValue(Folder, out var held)) return true;
            // a folder named through a link is that folder
            return Identity(held.FolderFd, null, out _) is not { } locked
                || Identity(-1, Folder, out _, follow: true) is { } now && now == locked;
        }
    }

    /// <summary>
    /// Throws as <see cref="Acquire"/> does when another process holds <paramref name="folder"/>; otherwise returns
    /// without writing anything (no lock file is created). For a check before a folder is used, not instead of the
    /// lock.
    /// </summary>
    /// <exception cref="UserInputException">Another process holds the folder.</exception>
    public static void ThrowIfHeld(string folder, string option)
    {
        var root = Path.GetFullPath(folder);
        if (HeldElsewhere(root, out var holder)) throw InUse(option, root, holder);
    }

    /// <summary>Whether a process other than this one holds <paramref name="folder"/>, and who (null when it has not
    /// said yet).</summary>
    public static bool HeldElsewhere(string folder, out RunLockHolder? holder)
    {
        holder = null;
        var root = Path.GetFullPath(folder);
        lock (Gate)
        {
            if (Held.ContainsKey(root)) return false;
            var path = Path.Combine(root, FileName);
            // A shared lock conflicts with the holder's exclusive one only, so two checks never see each other; closing
            // drops it.
            var held = false;
            var folderFd = Open(root, ReadOnly | OpenFolder | CloseOnExec, 0);
            if (folderFd >= 0)
            {
                held = Flock(folderFd, Shared | NonBlocking) != 0 && Marshal.GetLastPInvokeError() == WouldBlock;
                Close(folderFd);
            }
            var fd = Open(path, ReadOnly | NoFollow | CloseOnExec, 0);
            // no lock file: nobody has ever held the folder, or it was deleted under its holder
            if (fd < 0) return held;
            try
            {
                if (!held) held = Flock(fd, Shared | NonBlocking) != 0 && Marshal.GetLastPInvokeError() == WouldBlock;
                if (held) holder = ReadHolder(fd);
                return held;
            }
            finally { Close(fd); }
        }
    }

    /// <summary>Releases this handle; the folder is unlocked when the process's last handle on it is
    /// released.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_released) return;
            _released = true;
            var held = Held[Folder];
            if (held.Count > 1) Held[Folder] = held with { Count = held.Count - 1 };
            else
            {
                Held.Remove(Folder);
                Close(held.Fd);
                Close(held.FolderFd);
            }
        }
    }

    /// <summary>
    /// Takes the exclusive lock without waiting on a holder; 0, or the error. A check of whether the folder is held
    /// (<see cref="HeldElsewhere"/>, from <c>experiment collect</c>) holds a shared lock for an instant, so a refusal
    /// is tried again for a moment before it stands: a run must not be refused for a look at its folder.
    /// </summary>
    private static int TryLock(int fd)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (Flock(fd, Exclusive | NonBlocking) == 0) return 0;
            var error = Marshal.GetLastPInvokeError();
            if (error != WouldBlock || attempt == 200) return error;
            Thread.Sleep(10);
        }
    }

    private static UserInputException InUse(string option, string root, RunLockHolder? holder) =>
        new($"{option} {root}: in use by another vpdarts process ({holder?.Describe(DateTimeOffset.UtcNow)
            ?? (File.Exists(Path.Combine(root, FileName))
                ? "which has not said who it is yet"
                : $"whose record {FileName} was deleted")}); " +
            "wait for it or choose another folder");

    private static void WriteHolder(int fd, RunLockHolder holder)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(holder, RunDirectory.Json) + "\n");
        // Best effort: the lock is held either way, the text only names the holder in the other process's error.
        if (Truncate(fd, 0) == 0) _ = PWrite(fd, bytes, bytes.Length, 0);
    }

    /// <summary>The record of the holder of the lock file at <paramref name="path"/>; null when there is none to
    /// read.</summary>
    private static RunLockHolder? ReadHolder(string path)
    {
        var fd = Open(path, ReadOnly | NoFollow | CloseOnExec, 0);
        if (fd < 0) return null;
        try { return ReadHolder(fd); }
        finally { Close(fd); }
    }

    /// <summary>
    /// Device and inode of <paramref name="fd"/> (when <paramref name="path"/> is null) or of <paramref name="path"/>
    /// (a symbolic link itself unless <paramref name="follow"/>), with its file mode; null where that cannot be told.
    /// </summary>
    private static (ulong Device, ulong Inode)? Identity(int fd, string? path, out ushort mode, bool follow = false) =>
        path is null ? FileIdentity.OfDescriptor(fd, out mode) : FileIdentity.Of(path, follow, out mode);

    /// <summary>The holder's record; a holder that took the lock a moment ago may still be writing it, so read again a
    /// few times.</summary>
    private static RunLockHolder? ReadHolder(int fd)
    {
        var buffer = new byte[4096];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var n = PRead(fd, buffer, buffer.Length, 0);
            if (n > 0)
            {
                try
                {
                    if (JsonSerializer.Deserialize<RunLockHolder>(buffer.AsSpan(0, (int)n), RunDirectory.Json)
                        is { Pid: > 0 } holder)
                        return holder;
                }
                catch (JsonException) { }
            }
            Thread.Sleep(25);
        }
        return null;
    }

    private const int ReadOnly = 0;             // O_RDONLY
    private const int ReadWrite = 2;            // O_RDWR
    private const int Create = 0x40;            // O_CREAT
    // O_DIRECTORY and O_NOFOLLOW differ between architectures: ARM's are 0x4000 and 0x8000.
    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    private static readonly int OpenFolder = Arm ? 0x4000 : 0x10000;
    private static readonly int NoFollow = Arm ? 0x8000 : 0x20000;
    // O_CLOEXEC: a child process (a launched search) must not inherit the lock
    private const int CloseOnExec = 0x80000;
    private const int Shared = 1;               // LOCK_SH
    private const int Exclusive = 2;            // LOCK_EX
    private const int NonBlocking = 4;          // LOCK_NB
    private const int WouldBlock = 11;          // EWOULDBLOCK (EAGAIN)
    private const int BadDescriptor = 9;        // EBADF: NFS locks a folder opened read-only no more than a file
    private const int SymbolicLinkLoop = 40;    // ELOOP: O_NOFOLLOW met a symbolic link
    private const int NoLocks = 37;             // ENOLCK
    private const int NotImplemented = 38;      // ENOSYS
    private const int NotSupported = 95;        // EOPNOTSUPP

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);


    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int Truncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(int fd, byte[] buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PRead(int fd, byte[] buffer, nint count, long offset);
}
