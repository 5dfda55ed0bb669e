using VpDarts.Runs;

namespace VpDarts.Methods;

/// <summary>
/// What the published gradient baselines share as settings, as NAS-Bench-201's configs run them (AutoDL-Projects:
/// configs/nas-benchmark/algos/*.config): no warm-up, SGD weight decay 5e-4 with Nesterov momentum, no skip dropout,
/// and a weight-step clip that counts α's gradient (their code clips <c>network.parameters()</c>).
/// </summary>
public abstract class Nb201Baseline(string name, string summary, int listOrder) : MethodModule(name, summary, listOrder)
{
    /// <inheritdoc />
    public override double WeightDecay => 5e-4;

    /// <inheritdoc />
    public override bool Nesterov => true;

    /// <inheritdoc />
    public override bool ClipIncludesAlpha => true;

    /// <summary>The NAS-Bench-201 paper, where the baselines' published figures come from.</summary>
    protected const string Nb201Paper = "the NAS-Bench-201 paper (Dong & Yang, ICLR 2020)";
}
