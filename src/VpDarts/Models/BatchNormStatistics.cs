namespace VpDarts.Models;

/// <summary>
/// Switches every <see cref="BatchNorm"/> on this thread to "batch statistics, running statistics untouched".
/// </summary>
public static class BatchNormStatistics
{
    [ThreadStatic] private static int _frozenDepth;

    /// <summary>Whether running statistics are frozen on this thread.</summary>
    public static bool Frozen => _frozenDepth > 0;

    /// <summary>Freezes running statistics until the returned handle is disposed.</summary>
    public static IDisposable Freeze()
    {
        _frozenDepth++;
        return new Release();
    }

    private sealed class Release : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            _frozenDepth--;
        }
    }
}
