using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Models;

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
        throw new InvalidOperationException(
            "a search cell runs through Supernet.Forward, which supplies the edge weights");

    /// <summary>
    /// Runs the cell source by source: as soon as node i is complete, everything it sends along its outgoing edges is
    /// computed together — one ReLU, one convolution per kernel size over the edges' filters stacked (one wide GEMM
    /// instead of up to three narrow ones), one batch norm over the stacked channels, one average pool — added into
    /// the target nodes (fused multiply-add, in place) and released. Every node still sums its inputs in arch-string
    /// order (source node, then op), so the result is that of an op-by-op evaluation; only the order of the skip
    /// dropout draws differs. The state dict is unchanged: filters are stacked on the fly, so gradients reach each
    /// edge's own parameters.
    /// </summary>
    public Tensor Forward(Tensor input, CellWeights weights)
    {
        var nodes = new Tensor[CellTopology.NodeCount];
        var sums = new Tensor?[CellTopology.NodeCount];
        nodes[0] = input;
        for (var from = 0; from < CellTopology.NodeCount - 1; from++)
        {
            if (from > 0) nodes[from] = sums[from] ?? zeros_like(input);
            AddOutgoing(from, nodes[from], weights, sums);
            // Without autograd the node is free once it has been sent on, which lowers a pass's peak memory.
            if (from > 0 && !is_grad_enabled()) nodes[from].Dispose();
        }
        if (is_grad_enabled())
            for (var n = 1; n < CellTopology.NodeCount - 1; n++) nodes[n].Dispose();
        return sums[^1] ?? zeros_like(input);
    }

    /// <summary>
    /// The part of <see cref="Forward"/> (without autograd) that passes changing one edge's weights can share
    /// (<see cref="CellTrace"/>): the node before the last, and the last node's sum over every source but the last.
    /// The last source's ops are not run. With the input that is three activations of memory; a replay that needs an
    /// earlier node computes it again, which costs less than keeping it when a pass's peak memory is what counts.
    /// </summary>
    internal CellTrace Trace(Tensor input, CellWeights weights)
    {
        RequireReplayable(weights);
        var trace = new CellTrace(input, weights.HostValues!);
        var sums = new Tensor?[CellTopology.NodeCount];
        var last = CellTopology.NodeCount - 1;
        for (var from = 0; from < last - 1; from++)
        {
            using var source = from == 0 ? null : sums[from] ?? zeros_like(input);
            AddOutgoing(from, source ?? input, weights, sums);
        }
        trace.SetNode(last - 1, sums[last - 1] ?? zeros_like(input));
        trace.SetPartial(last, last - 1, sums[last]);
        return trace;
    }

    /// <summary>
    /// The cell's output under <paramref name="weights"/>, which differ from the traced ones at most on
    /// <paramref name="changedEdge"/> (into node t) and only by zeroed entries; null: the traced weights. Traced nodes
    /// before t are used as they are; a node after t whose sum over the sources before t was traced starts from it,
    /// and so does t itself when only the last source changes. Every other node and sum is computed as
    /// <see cref="Forward"/> computes it, adding in the same order, so the result is bit-identical to a full pass.
    /// </summary>
    internal Tensor Replay(CellTrace trace, CellWeights weights, int? changedEdge)
    {
        RequireReplayable(weights);
        trace.RequireReplayable(weights.HostValues!, changedEdge ?? -1);
        var (target, first) = changedEdge is int edge
            ? CellTopology.Edges[edge]
            : (CellTopology.NodeCount - 1, CellTopology.NodeCount - 2);
        var later = Enumerable.Range(target + 1, CellTopology.NodeCount - 1 - target).ToList();
        var laterTraced = later.All(to => trace.HasPartial(to, target));
        var start = first > 0 && laterTraced && trace.HasPartial(target, first) && trace.HasNode(first) ? first : 0;
        var sums = new Tensor?[CellTopology.NodeCount];
        sums[target] = start > 0 ? trace.Partial(target, start).clone() : null;
        foreach (var to in later) sums[to] = laterTraced ? trace.Partial(to, target).clone() : null;
        // Before t, a source adds into t, into the later nodes that start from nothing, and into the nodes before t
        // that were not traced (they are computed here).
        var untraced = Enumerable.Range(1, Math.Max(0, target - 1)).Where(n => !trace.HasNode(n)).ToList();
        for (var from = start; from < CellTopology.NodeCount - 1; from++)
        {
            var traced = from == 0 || from < target && trace.HasNode(from);
            using var source = traced ? null : sums[from] ?? zeros_like(trace.Input);
            if (from >= target)
            {
                AddOutgoing(from, source!, weights, sums);
                continue;
            }
            var targets = untraced.Where(n => n > from).Append(target).Concat(laterTraced ? [] : later).ToList();
            AddOutgoing(from, source ?? trace.Node(from), weights, sums, targets);
        }
        return sums[^1] ?? zeros_like(trace.Input);
    }

    private void RequireReplayable(CellWeights weights)
    {
        if (is_grad_enabled() || weights.HostValues is null || weights.Computed is not null
            || (training && weights.SkipDropout > 0))
            throw new InvalidOperationException(
                "a cell is traced and replayed only in no-grad passes without dropout that skip zero-weight ops");
    }

    private static List<int> Targets(int from) =>
        Enumerable.Range(from + 1, CellTopology.NodeCount - 1 - from).ToList();

    private static void AddWeighted(Tensor?[] sums, int to, Tensor weight, Tensor output)
    {
        if (sums[to] is null) sums[to] = output.mul(weight);
        else sums[to]!.addcmul_(output, weight, Scalars.One);
    }

    /// <summary>Adds what node <paramref name="from"/> sends along its outgoing edges (only those into
    /// <paramref name="onlyTargets"/> when given) into the target nodes' sums.</summary>
    private void AddOutgoing(int from, Tensor source, CellWeights weights, Tensor?[] sums,
        List<int>? onlyTargets = null)
    {
        var targets = onlyTargets ?? Targets(from);
        int Edge(int to) => CellTopology.EdgeIndex(to, from);
        List<int> Users(Operation op) => targets.Where(to => !weights.Skippable(Edge(to), (int)op)).ToList();
        void Add(int to, Operation op, Tensor output) =>
            AddWeighted(sums, to, weights.Scalars[Edge(to), (int)op], output);

        foreach (var to in Users(Operation.SkipConnect))
        {
            using var dropped = weights.SkipDropout > 0 && training
                ? SkipDropout.Apply(source, weights.SkipDropout) : null;
            Add(to, Operation.SkipConnect, dropped ?? source);
        }
        Tensor? relu = null;
        foreach (var op in new[] { Operation.Conv1x1, Operation.Conv3x3 })
        {
            var users = Users(op);
            if (users.Count == 0) continue;
            relu ??= nn.functional.relu(source);
            // Without autograd nothing else is kept alive, so stacking would only raise the peak memory of
            // no-grad passes (ablation at batch 256); there the edges run one after another.
            foreach (var group in is_grad_enabled() ? [users] : users.Select(to => new List<int> { to }))
            {
                var blocks = group.Select(to =>
                    op == Operation.Conv1x1 ? edges[Edge(to)].Conv1x1 : edges[Edge(to)].Conv3x3).ToList();
                using var normed = ConvolveStacked(relu, blocks, op == Operation.Conv3x3 ? 1 : 0);
                // split, not narrow: its gradient is the slices' gradients concatenated, channels-last like them,
                // where narrow's is written into a new NCHW tensor that sends batch norm's backward to a scalar loop.
                var slices = group.Count == 1 ? [normed] : normed.split(source.shape[1], 1);
                for (var i = 0; i < group.Count; i++) Add(group[i], op, slices[i]);
                if (group.Count > 1) foreach (var slice in slices) slice.Dispose();
            }
        }
        relu?.Dispose();
        var pooling = Users(Operation.AvgPool3x3);
        if (pooling.Count > 0)
        {
            using var pooled = AveragePooling.Pool3x3(source);
            foreach (var to in pooling) Add(to, Operation.AvgPool3x3, pooled);
        }
        if (weights.Computed is null) return;
        foreach (var to in targets)
            for (var op = 0; op < Operations.Count; op++)
            {
                if (!weights.AddsWeightOnly(Edge(to), op)) continue;
                var w = weights.Scalars[Edge(to), op];
                if (sums[to] is null) sums[to] = zeros_like(source).add_(w, Scalars.One);
                else sums[to]!.add_(w, Scalars.One);
            }
    }

    /// <summary>ReLU'd input → the blocks' convolutions as one (filters stacked) → one batch norm over all their
    /// channels.</summary>
    private Tensor ConvolveStacked(Tensor relu, List<ReluConvBn> blocks, long padding)
    {
        using var stacked = blocks.Count == 1 ? null : cat(blocks.Select(b => (Tensor)b.Conv.weight!).ToArray(), 0);
        using var convolved =
            nn.functional.conv2d(relu, stacked ?? blocks[0].Conv.weight!, padding: [padding, padding]);
        return BatchNorm.ForwardConcatenated(blocks.Select(b => b.Norm).ToList(), convolved, training);
    }
}
