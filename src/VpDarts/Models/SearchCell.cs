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
        Operation.AvgPool3x3 => AveragePooling.Pool3x3(input),
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

    /// <summary>
    /// Runs the cell. What a node sends along its outgoing edges is computed once for all of them
    /// (<see cref="SourceOutputs"/>); each node is then accumulated in place (fused multiply-add), edges and ops in
    /// the order of the arch string, so sums and dropout draws come in the same order as an op-by-op evaluation.
    /// </summary>
    public Tensor Forward(Tensor input, CellWeights weights)
    {
        var nodes = new Tensor[CellTopology.NodeCount];
        var sources = new SourceOutputs?[CellTopology.NodeCount - 1];
        nodes[0] = input;
        try
        {
            for (var to = 1; to < CellTopology.NodeCount; to++)
            {
                Tensor? sum = null;
                for (var from = 0; from < to; from++)
                {
                    var edge = CellTopology.EdgeIndex(to, from);
                    var source = sources[from] ??= new SourceOutputs(from, nodes[from], weights, edges, training);
                    for (var op = 1; op < Operations.Count; op++)
                    {
                        if (weights.Skippable(edge, op)) continue;
                        using var dropped = (Operation)op == Operation.SkipConnect && weights.SkipDropout > 0 && training
                            ? nn.functional.dropout(nodes[from], weights.SkipDropout, true)
                            : null;
                        var output = (Operation)op switch
                        {
                            Operation.SkipConnect => dropped ?? nodes[from],
                            Operation.AvgPool3x3 => source.Pooled!,
                            var conv => source.Convolved(edge, conv),
                        };
                        if (sum is null) sum = output.mul(weights.Scalars[edge, op]);
                        else sum.addcmul_(output, weights.Scalars[edge, op], 1);
                    }
                }
                nodes[to] = sum ?? zeros_like(input);
            }
        }
        finally
        {
            foreach (var source in sources) source?.Dispose();
        }
        for (var n = 1; n < CellTopology.NodeCount - 1; n++) nodes[n].Dispose();
        return nodes[CellTopology.NodeCount - 1];
    }

    /// <summary>
    /// The outputs of one node's ops on all its outgoing edges that need them, computed together: one ReLU, one
    /// convolution per kernel size over the edges' filters stacked (one wide GEMM instead of up to three narrow
    /// ones), one batch norm over the stacked channels and one average pool. The state dict is unchanged: the
    /// filters are stacked on the fly, so gradients still reach each edge's own parameters.
    /// </summary>
    private sealed class SourceOutputs : IDisposable
    {
        private readonly List<Tensor> _owned = [];
        private readonly Dictionary<(int Edge, Operation Op), Tensor> _convolved = [];

        public SourceOutputs(int from, Tensor input, CellWeights weights, ModuleList<MixedEdge> edges, bool training)
        {
            var outgoing = Enumerable.Range(from + 1, CellTopology.NodeCount - 1 - from).Select(to => CellTopology.EdgeIndex(to, from)).ToList();
            if (outgoing.Any(e => !weights.Skippable(e, (int)Operation.AvgPool3x3)))
                Pooled = Own(AveragePooling.Pool3x3(input));
            Tensor? relu = null;
            foreach (var op in new[] { Operation.Conv1x1, Operation.Conv3x3 })
            {
                var users = outgoing.Where(e => !weights.Skippable(e, (int)op)).ToList();
                if (users.Count == 0) continue;
                relu ??= Own(nn.functional.relu(input));
                var blocks = users.Select(e => op == Operation.Conv1x1 ? edges[e].Conv1x1 : edges[e].Conv3x3).ToList();
                var filters = blocks.Count == 1 ? blocks[0].Conv.weight! : Own(cat(blocks.Select(b => (Tensor)b.Conv.weight!).ToArray(), 0));
                var padding = op == Operation.Conv3x3 ? 1L : 0L;
                var convolved = Own(nn.functional.conv2d(relu, filters, padding: [padding, padding]));
                var normed = Own(BatchNorm.ForwardConcatenated(blocks.Select(b => b.Norm).ToList(), convolved, training));
                var channels = input.shape[1];
                for (var i = 0; i < users.Count; i++)
                    _convolved[(users[i], op)] = users.Count == 1 ? normed : Own(normed.narrow(1, i * channels, channels));
            }
        }

        /// <summary>avg_pool_3x3 of the node, when some outgoing edge uses it.</summary>
        public Tensor? Pooled { get; }

        /// <summary>The output of conv op <paramref name="op"/> on <paramref name="edge"/>.</summary>
        public Tensor Convolved(int edge, Operation op) => _convolved[(edge, op)];

        public void Dispose()
        {
            foreach (var tensor in _owned) tensor.Dispose();
        }

        private Tensor Own(Tensor tensor)
        {
            _owned.Add(tensor);
            return tensor;
        }
    }
}
