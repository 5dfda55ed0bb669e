namespace VpDarts.Runs;

/// <summary>
/// Receives how far the countable work of the phase that is running has got: an ablation's ops, a race's edges, an
/// evaluation's batches. The receiver knows which phase it is; the worker only counts.
/// </summary>
public interface IWorkProgress
{
    /// <summary><paramref name="done"/> of <paramref name="total"/> <paramref name="unit"/> (plural, e.g. <c>ops</c>)
    /// are done.</summary>
    void Advance(int done, int total, string unit);
}
