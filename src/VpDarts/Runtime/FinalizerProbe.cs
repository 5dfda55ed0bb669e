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
    /// <summary>Collects, runs pending finalizers, then returns how many tensors finalizers have freed so
    /// far.</summary>
    public static long TensorsFinalized()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        var read = new StrongBox<long>(-1);  // the reader's finalizer writes the count here
        PlantReader(read);
        while (Interlocked.Read(ref read.Value) < 0)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return Interlocked.Read(ref read.Value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PlantReader(StrongBox<long> read) => _ = new Reader(read);

    private sealed class Reader(StrongBox<long> read)
    {
        ~Reader()
        {
            var tensors = DisposeScopeManager.Statistics.TensorStatistics;
            Interlocked.Exchange(ref read.Value, tensors.DisposedInScopeCount + tensors.DisposedOutsideScopeCount);
        }
    }
}
