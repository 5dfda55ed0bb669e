using TorchSharp;
using TorchSharp.Modules;
using VpDarts.SearchSpace;
using static TorchSharp.torch;

namespace VpDarts.Models;

/// <summary>
/// The per-forward edge weights as seen by the cells: one 0-dim tensor per (edge, op) so gradients reach α, and
/// optionally their host values, which let no-grad passes skip ops whose weight is exactly zero.
/// </summary>
public sealed class CellWeights
{
    internal CellWeights(Tensor[,] scalars, float[,]? hostValues, double skipDropout)
    {
        Scalars = scalars;
        HostValues = hostValues;
        SkipDropout = skipDropout;
    }

    /// <summary>w[e, o] as 0-dim tensors.</summary>
    public Tensor[,] Scalars { get; }

    /// <summary>w[e, o] on the host when exactly-zero ops may be skipped, else null.</summary>
    public float[,]? HostValues { get; }

    /// <summary>Dropout probability after skip_connect for this pass (0 = none).</summary>
    public double SkipDropout { get; }

    /// <summary>Whether (edge, op) can be left out because it contributes exactly nothing.</summary>
    public bool Skippable(int edge, int op) =>
        op == (int)Operation.None || (HostValues is not null && HostValues[edge, op] == 0f);
}

/// <summary>One candidate-op set on an edge of a search cell (cell BNs are affine=False).</summary>
public sealed class MixedEdge : nn.Module
{
    /// <summary>Creates the convolutional candidates for <paramref name="channels"/> channels.</summary>
    public MixedEdge(int channels) : base(nameof(MixedEdge))
    {
        nor_conv_1x1 = new ReluConvBn(channels, channels, 1, 1, 0, affine: false);
        nor_conv_3x3 = new ReluConvBn(channels, channels, 3, 1, 1, affine: false);
        RegisterComponents();
    }

#pragma warning disable IDE1006 // NB201's module names, so state dicts line up
    private readonly ReluConvBn nor_conv_1x1;
    private readonly ReluConvBn nor_conv_3x3;
#pragma warning restore IDE1006

    /// <summary>nor_conv_1x1.</summary>
    public ReluConvBn Conv1x1 => nor_conv_1x1;

    /// <summary>nor_conv_3x3.</summary>
    public ReluConvBn Conv3x3 => nor_conv_3x3;

    /// <summary>Output of candidate <paramref name="op"/> (not none) on <paramref name="input"/>.</summary>
    public Tensor Apply(Operation op, Tensor input, double skipDropout, bool training) => op switch
    {
        Operation.SkipConnect => skipDropout > 0 && training
            ? nn.functional.dropout(input, skipDropout, true)
            : input.alias(),
        Operation.Conv1x1 => Conv1x1.forward(input),
        Operation.Conv3x3 => Conv3x3.forward(input),
        Operation.AvgPool3x3 => nn.functional.avg_pool2d(input, 3, 1, 1, count_include_pad: false),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "the zero op has no output to compute"),
    };
}

/// <summary>NB201 search cell: node j = Σ over incoming edges e Σ over ops o of w[e,o]·o(node_from).</summary>
public sealed class SearchCell : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<MixedEdge> edges = new();

    /// <summary>Creates a cell with <paramref name="channels"/> channels.</summary>
    public SearchCell(int channels) : base(nameof(SearchCell))
    {
        for (var e = 0; e < CellTopology.EdgeCount; e++) edges.Add(new MixedEdge(channels));
        RegisterComponents();
    }

    /// <summary>Not used: a search cell needs its weights; see <see cref="Forward"/>.</summary>
    public override Tensor forward(Tensor input) =>
        throw new InvalidOperationException("a search cell runs through Supernet.Forward, which supplies the edge weights");

    /// <summary>Runs the cell. Each node is accumulated in place (fused multiply-add), one buffer per node.</summary>
    public Tensor Forward(Tensor input, CellWeights weights)
    {
        var nodes = new Tensor[CellTopology.NodeCount];
        nodes[0] = input;
        for (var to = 1; to < CellTopology.NodeCount; to++)
        {
            Tensor? sum = null;
            for (var from = 0; from < to; from++)
            {
                var edge = CellTopology.EdgeIndex(to, from);
                for (var op = 1; op < Operations.Count; op++)
                {
                    if (weights.Skippable(edge, op)) continue;
                    using var output = edges[edge].Apply((Operation)op, nodes[from], weights.SkipDropout, training);
                    if (sum is null) sum = output.mul(weights.Scalars[edge, op]);
                    else sum.addcmul_(output, weights.Scalars[edge, op], 1);
                }
            }
            nodes[to] = sum ?? zeros_like(input);
        }
        for (var n = 1; n < CellTopology.NodeCount - 1; n++) nodes[n].Dispose();
        return nodes[CellTopology.NodeCount - 1];
    }
}
