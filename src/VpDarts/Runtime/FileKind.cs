namespace VpDarts.Runtime;

/// <summary>What a path names, after following symbolic links.</summary>
public enum FileKind
{
    /// <summary>Nothing (or a dangling link).</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Folder,
    /// <summary>A named pipe (FIFO).</summary>
    NamedPipe,
    /// <summary>A character device, such as <c>/dev/zero</c>.</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A Unix domain socket.</summary>
    Socket,
    /// <summary>Something else the system reports.</summary>
    Other,
}
