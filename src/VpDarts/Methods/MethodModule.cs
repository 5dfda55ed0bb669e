using VpDarts.Runs;
using VpDarts.Strategies;

namespace VpDarts.Methods;

/// <summary>
/// A search method as one module: what <see cref="SearchMethod"/> says of its settings, plus the strategy it runs
/// in the shared search loop, the work of its final choice (for the ETA) and, when it has a published NAS-Bench-201
/// result, its row in the <c>methods</c> experiment. Every method derives from this.
/// </summary>
public abstract class MethodModule(string name, string summary, int listOrder) : SearchMethod(name, summary, listOrder)
{
    /// <summary>The module of <paramref name="config"/>'s method.</summary>
    public static MethodModule Of(SearchConfig config) => (MethodModule)config.Method;

    /// <summary>Every method, as <see cref="SearchMethod.All"/> lists them.</summary>
    public static IEnumerable<MethodModule> Modules => All.Cast<MethodModule>();

    /// <summary>A fresh strategy for a run under <paramref name="config"/>.</summary>
    public abstract ISearchStrategy NewStrategy(SearchConfig config);

    /// <summary>A fresh strategy of <paramref name="config"/>'s method for a run under it.</summary>
    public static ISearchStrategy StrategyFor(SearchConfig config) => Of(config).NewStrategy(config);

    /// <summary>Whether the final cell is chosen by one more ablation on the whole search-valid split.</summary>
    public virtual bool FinalSelectionAblates => false;

    /// <summary>Cells whose accuracy on the whole search-valid split the final choice measures (none by
    /// default).</summary>
    public virtual int FinalSelectionCells => 0;

    /// <summary>The method's row in the <c>methods</c> experiment; null when it has no published figure to set beside
    /// it.</summary>
    public virtual PublishedResult? Published => null;

    /// <summary><paramref name="config"/> set to run this method as its published result was found.</summary>
    public virtual SearchConfig Configure(SearchConfig config) => config with { Method = this };
}
