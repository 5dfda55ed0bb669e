using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Models;

/// <summary>A cell with one op per edge, for training from scratch; <c>none</c> edges are dropped.</summary>
public sealed class DiscreteCell : nn.Module<Tensor, Tensor>
{
    private readonly Genotype _genotype;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> edges = new();

    /// <summary>Creates the cell of <paramref name="genotype"/> with <paramref name="channels"/> channels.</summary>
    public DiscreteCell(Genotype genotype, int channels) : base(nameof(DiscreteCell))
    {
        _genotype = genotype;
        foreach (var op in genotype.Ops)
        {
            edges.Add(op switch
            {
                Operation.None => new Zero(),
                Operation.SkipConnect => new Identity(),
                Operation.Conv1x1 => new ReluConvBn(channels, channels, 1, 1, 0, affine: true),
                Operation.Conv3x3 => new ReluConvBn(channels, channels, 3, 1, 1, affine: true),
                _ => new AvgPool3x3(),
            });
        }
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var nodes = new Tensor[CellTopology.NodeCount];
        nodes[0] = input;
        for (var to = 1; to < CellTopology.NodeCount; to++)
        {
            Tensor? sum = null;
            var owned = false;  // an identity edge hands back its input, which must not be written in place
            for (var from = 0; from < to; from++)
            {
                var edge = CellTopology.EdgeIndex(to, from);
                if (_genotype[edge] == Operation.None) continue;
                var output = edges[edge].call(nodes[from]);
                if (sum is null)
                {
                    sum = output;
                    owned = _genotype[edge] != Operation.SkipConnect;
                }
                else if (owned)
                {
                    sum.add_(output, Scalars.One);
                    output.Dispose();
                }
                else
                {
                    var added = sum.add(output, Scalars.One);
                    sum.Dispose();
                    output.Dispose();
                    sum = added;
                    owned = true;
                }
            }
            nodes[to] = sum ?? zeros_like(input);
        }
        return nodes[CellTopology.NodeCount - 1];
    }
}
