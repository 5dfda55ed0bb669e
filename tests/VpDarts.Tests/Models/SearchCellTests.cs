using static TorchSharp.torch;

namespace VpDarts.Tests.Models;

/// <summary>
/// The search cell computes each node's outgoing convolutions together (stacked filters, one batch norm over the
/// stacked channels). These tests check it against the plain definition, one op at a time on separate modules
/// holding the same weights: outputs, gradients and running statistics.
/// </summary>
public sealed class SearchCellTests
{
    private const int Channels = 6;

    private static (SearchCell Cell, MixedEdge[] Reference) Pair()
    {
        manual_seed(11);
        var cell = new SearchCell(Channels);
        var reference = new MixedEdge[CellTopology.EdgeCount];
        var state = cell.state_dict();
        for (var e = 0; e < reference.Length; e++)
        {
            reference[e] = new MixedEdge(Channels);
            var prefix = $"edges.{e}.";
            var own = state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
            reference[e].load_state_dict(own);
        }
        return (cell, reference);
    }

    /// <summary>The plain definition of each candidate op (no dropout).</summary>
    private static Tensor Apply(MixedEdge edge, Operation op, Tensor input) => op switch
    {
        Operation.SkipConnect => input,
        Operation.Conv1x1 => edge.Conv1x1.forward(input),
        Operation.Conv3x3 => edge.Conv3x3.forward(input),
        Operation.AvgPool3x3 => nn.functional.avg_pool2d(input, 3, 1, 1, count_include_pad: false),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static Tensor OpByOp(MixedEdge[] edges, Tensor input, Tensor[,] w, bool training)
    {
        var nodes = new Tensor[CellTopology.NodeCount];
        nodes[0] = input;
        for (var to = 1; to < CellTopology.NodeCount; to++)
        {
            var sum = zeros_like(input);
            for (var from = 0; from < to; from++)
            {
                var edge = CellTopology.EdgeIndex(to, from);
                for (var op = 1; op < Operations.Count; op++)
                    sum = sum + w[edge, op] * Apply(edges[edge], (Operation)op, nodes[from]);
            }
            nodes[to] = sum;
        }
        return nodes[^1];
    }

    private static Tensor[,] Weights(float[,] values, bool requiresGrad)
    {
        var w = new Tensor[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                w[e, o] = tensor(values[e, o]).requires_grad_(requiresGrad);
        return w;
    }

    private static float[,] RandomValues(bool someZero)
    {
        var random = new Random(5);
        var values = new float[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                values[e, o] = someZero && (e + o) % 3 == 0 ? 0f : (float)(random.NextDouble() + 0.1);
        return values;
    }

    [Fact]
    public void TrainingPassMatchesOpByOpInOutputGradientsAndRunningStatistics()
    {
        using var scope = NewDisposeScope();
        var (cell, reference) = Pair();
        cell.train();
        foreach (var edge in reference) edge.train();
        var values = RandomValues(someZero: false);
        var input = randn(4, Channels, 8, 8);

        var wFused = Weights(values, true);
        var fused = cell.Forward(input, new CellWeights(wFused, null, 0));
        var wPlain = Weights(values, true);
        var plain = OpByOp(reference, input, wPlain, true);
        Assert.True(allclose(fused, plain, 1e-5, 1e-5), "outputs agree");

        using var probe = randn_like(fused);
        (fused * probe).sum().backward();
        (plain * probe).sum().backward();
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            for (var o = 1; o < Operations.Count; o++)
                Assert.Equal(wPlain[e, o].grad!.item<float>(), wFused[e, o].grad!.item<float>(), 3e-4f);
        }
        var fusedParams = cell.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var fusedBuffers = cell.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        for (var e = 0; e < CellTopology.EdgeCount; e++)
        {
            foreach (var (name, parameter) in reference[e].named_parameters())
                Assert.True(allclose(fusedParams[$"edges.{e}.{name}"].grad!, parameter.grad!, 1e-4, 1e-5), $"gradient of edges.{e}.{name}");
            foreach (var (name, buffer) in reference[e].named_buffers())
                Assert.True(allclose(fusedBuffers[$"edges.{e}.{name}"].to_type(ScalarType.Float64), buffer.to_type(ScalarType.Float64), 1e-5, 1e-6),
                    $"buffer edges.{e}.{name}");
        }
    }

    [Fact]
    public void EvaluationAndFrozenNoGradPassesMatchOpByOpWhenZeroWeightOpsAreSkipped()
    {
        using var scope = NewDisposeScope();
        var (cell, reference) = Pair();
        var values = RandomValues(someZero: true);
        var input = randn(4, Channels, 8, 8);
        using var noGrad = no_grad();

        // Fill the running statistics first, identically on both sides.
        cell.train();
        foreach (var edge in reference) edge.train();
        cell.Forward(input, new CellWeights(Weights(values, false), null, 0));
        OpByOp(reference, input, Weights(values, false), true);

        foreach (var training in new[] { false, true })
        {
            if (training) { cell.train(); foreach (var edge in reference) edge.train(); }
            else { cell.eval(); foreach (var edge in reference) edge.eval(); }
            var before = cell.named_buffers().Select(b => b.buffer.clone()).ToList();
            using var frozen = BatchNormStatistics.Freeze([cell, .. reference]);
            var fused = cell.Forward(input, new CellWeights(Weights(values, false), values, 0));
            var plain = OpByOp(reference, input, Weights(values, false), training);
            Assert.True(allclose(fused, plain, 1e-5, 1e-5), $"outputs agree (training mode: {training})");
            Assert.All(cell.named_buffers().Zip(before), pair => Assert.True(pair.First.buffer.equal(pair.Second).all().item<bool>(), pair.First.name));
        }
    }
}
