using System.Runtime.CompilerServices;

namespace VpDarts.Runtime;

/// <summary>
/// Counts the torch tensors that were freed by the GC's finalizer thread rather than disposed by their owner.
/// TorchSharp keeps dispose statistics per thread, and only finalizers dispose tensors on the finalizer thread, so
/// reading that thread's statistics there gives the count. Every tensor the library makes is owned (a dispose scope
/// or a <c>using</c>), so a workload should leave none: a growing count points at an unowned temporary, the kind
/// the finalizer can free while libtorch still reads it.
/// </summary>
public static class FinalizerProbe
{
    private static long _lastRead = -1;

    /// <summary>Collects, runs pending finalizers, then returns how many tensors finalizers have freed so
    /// far.</summary>
    public static long TensorsFinalized()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Interlocked.Exchange(ref _lastRead, -1);
        PlantReader();
        while (Interlocked.Read(ref _lastRead) < 0)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return Interlocked.Read(ref _lastRead);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PlantReader() => _ = new Reader();

    private sealed class Reader
    {
        ~Reader()
        {
            var tensors = DisposeScopeManager.Statistics.TensorStatistics;
            Interlocked.Exchange(ref _lastRead, tensors.DisposedInScopeCount + tensors.DisposedOutsideScopeCount);
        }
    }
}
