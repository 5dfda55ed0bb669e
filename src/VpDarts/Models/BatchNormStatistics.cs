namespace VpDarts.Models;

/// <summary>
/// Switches the <see cref="BatchNorm"/>s of given modules to "batch statistics, running statistics untouched" in
/// training mode, the way the validation ablation runs the supernet.
/// </summary>
public static class BatchNormStatistics
{
    /// <summary>
    /// Freezes the running statistics of every <see cref="BatchNorm"/> in <paramref name="modules"/> (each module and
    /// its submodules) until the returned handle is disposed; freezes nest. Other modules are not affected.
    /// </summary>
    /// <exception cref="ArgumentException">No module is given: a freeze of nothing would be a silent no-op.</exception>
    public static IDisposable Freeze(params nn.Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (modules.Length == 0)
            throw new ArgumentException("name the modules whose statistics to freeze", nameof(modules));
        var norms = modules.SelectMany(m => m.modules().Prepend(m)).OfType<BatchNorm>().Distinct().ToList();
        foreach (var norm in norms) norm.FreezeRunningStatistics();
        return new Release(norms);
    }

    private sealed class Release(List<BatchNorm> norms) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            foreach (var norm in norms) norm.ReleaseRunningStatistics();
        }
    }
}
