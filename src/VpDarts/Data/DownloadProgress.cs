namespace VpDarts.Data;

/// <summary>How far one file's download has got.</summary>
/// <param name="FileName">The file's name in the URL, e.g. <c>cifar-10-binary.tar.gz</c>.</param>
/// <param name="Bytes">Bytes received so far.</param>
/// <param name="TotalBytes">The size the server announced; null when it did not (chunked transfer).</param>
/// <param name="Elapsed">Time since the request was sent.</param>
/// <param name="Done">The last byte has arrived.</param>
public sealed record DownloadProgress(string FileName, long Bytes, long? TotalBytes, TimeSpan Elapsed, bool Done)
{
    /// <summary>Mean bytes per second so far.</summary>
    public double BytesPerSecond => Bytes / Math.Max(Elapsed.TotalSeconds, 1e-3);

    /// <summary>Time left at the mean speed so far; null when the size is unknown or nothing has arrived.</summary>
    public TimeSpan? Eta
        => TotalBytes is { } total && Bytes > 0 ? TimeSpan.FromSeconds((total - Bytes) / BytesPerSecond) : null;
}
