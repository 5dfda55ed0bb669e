namespace VpDarts.Runtime;

/// <summary>
/// Forces blocking collections, each followed by a run of the finalizer queue, back to back on a background thread
/// until disposed. Any torch object left to the GC while libtorch still reads it is then freed at the worst moment
/// instead of once in a long while, so a run that is bit-identical under this stress owns everything it hands to
/// native code. Used by <c>vpdarts doctor</c>, the determinism tests and <c>VPDARTS_GC_STRESS=1</c>.
/// </summary>
public sealed class GcStress : IDisposable
{
    /// <summary>Environment variable that starts the stress for a whole CLI process.</summary>
    public const string Variable = "VPDARTS_GC_STRESS";

    private readonly Thread _thread;
    private volatile bool _stop;
    private long _collections;

    private GcStress()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "vpdarts-gc-stress" };
        _thread.Start();
    }

    /// <summary>Starts the stress thread.</summary>
    public static GcStress Start() => new();

    /// <summary>Whether <see cref="Variable"/> asks for the stress (<c>1</c>).</summary>
    public static bool Requested => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Collections forced so far.</summary>
    public long Collections => Interlocked.Read(ref _collections);

    private void Run()
    {
        // Temporaries die young, so most collections are of generation 0, which stay fast however large the heap is
        // (a test process holds whole datasets); every fourth reaches generation 1 and every sixteenth is full, for
        // an object that survived one collection before it became garbage.
        for (var i = 0; !_stop; i++)
        {
            GC.Collect(i % 16 == 15 ? 2 : i % 4 == 3 ? 1 : 0, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            Interlocked.Increment(ref _collections);
        }
    }

    /// <summary>Stops the thread and waits for it.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
