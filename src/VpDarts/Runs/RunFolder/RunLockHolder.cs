using System.Globalization;

namespace VpDarts.Runs;

/// <summary>Who holds a run folder's lock, as the holder wrote it into the lock file.</summary>
public sealed record RunLockHolder
{
    /// <summary>The holding process's id.</summary>
    public int Pid { get; init; }

    /// <summary>The host it runs on.</summary>
    public string Host { get; init; } = "";

    /// <summary>What it runs, e.g. <c>vpdarts search</c>.</summary>
    public string Command { get; init; } = "";

    /// <summary>When it took the lock (UTC).</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>This process, running <paramref name="command"/>, from now.</summary>
    public static RunLockHolder Current(string command) => new()
    {
        Pid = Environment.ProcessId, Host = Environment.MachineName, Command = command, Since = DateTimeOffset.UtcNow,
    };

    /// <summary>
    /// <c>pid 1234 on host, 'vpdarts search', since 14:02:11 UTC</c>; the date is added when it is not
    /// <paramref name="now"/>'s day.
    /// </summary>
    public string Describe(DateTimeOffset now)
    {
        var since = Since.ToUniversalTime();
        var time = since.ToString(since.Date == now.ToUniversalTime().Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss",
            CultureInfo.InvariantCulture);
        return $"pid {Pid} on {Short(Host)[1..^1]}, {Short(Command)}, since {time} UTC";
    }

    private static string Short(string text) => OneLine.Quote(text.Length > 200 ? text[..200] + "…" : text);
}
