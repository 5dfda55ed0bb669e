using VpDarts.SearchSpace;

namespace VpDarts.Models;

/// <summary>The NB201 network of one cell, the supernet's skeleton with a discrete cell everywhere.</summary>
public sealed class DiscreteNetwork : Nb201Network
{
    /// <summary>Creates the network for <paramref name="genotype"/>.</summary>
    public DiscreteNetwork(Genotype genotype, NetworkShape shape)
        : base(nameof(DiscreteNetwork), shape, channels => new DiscreteCell(genotype, channels))
    {
        Genotype = genotype;
    }

    /// <summary>The cell this network repeats.</summary>
    public Genotype Genotype { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Run(input, (cell, h) => cell.call(h));
}
