using VpDarts.SearchSpace;

namespace VpDarts.Models;

/// <summary>
/// The NB201 supernet: every cell holds all five candidates on each of its six edges; one α (6×5) is shared by all
/// cells. <see cref="Forward"/> accepts an explicit weight matrix, which the validation
/// ablation uses to switch single ops off without copying the model.
/// </summary>
public sealed class Supernet : Nb201Network
{
    private readonly Parameter alpha;
    private readonly BatchNorm[] norms;

    /// <summary>Creates the supernet. α starts at 0.2 in raw mode and at 1e-3·N(0,1) otherwise (NB201's and DrNAS's
    /// initialisation).</summary>
    public Supernet(NetworkShape shape, ArchWeighting weighting, double skipDropout = 0.0)
        : base(nameof(Supernet), shape, channels => new SearchCell(channels))
    {
        Weighting = weighting;
        SkipDropout = skipDropout;
        using var raw = 0.2f.ToScalar();
        using var spread = 1e-3.ToScalar();
        var initial = weighting == ArchWeighting.Raw
            ? full(CellTopology.EdgeCount, Operations.Count, raw)
            : randn(CellTopology.EdgeCount, Operations.Count).mul_(spread);
        alpha = new Parameter(initial);
        register_parameter("alpha", alpha);
        norms = modules().OfType<BatchNorm>().ToArray();
    }

    /// <summary>Architecture parameters α (edges × ops).</summary>
    public Parameter Alpha => alpha;

    /// <summary>How α becomes edge weights.</summary>
    public ArchWeighting Weighting { get; }

    /// <summary>Dropout probability after skip_connect in training mode.</summary>
    public double SkipDropout { get; set; }

    /// <summary>
    /// Whether every batch norm of the supernet leaves its running statistics untouched in training mode
    /// (<see cref="BatchNormStatistics.Freeze"/> of the supernet); then no pass can change them.
    /// </summary>
    public bool BatchNormStatisticsFrozen => norms.All(n => n.RunningStatisticsFrozen);

    /// <summary>All network weights except α.</summary>
    public IEnumerable<Parameter> WeightParameters() =>
        named_parameters().Where(p => p.name != "alpha").Select(p => p.parameter);

    /// <summary>The edge-weight matrix the forward pass uses by default: softmax(α) or α.</summary>
    public Tensor ArchWeights()
        => Weighting == ArchWeighting.Softmax ? nn.functional.softmax(alpha, -1) : alpha.alias();

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Forward(input);

    /// <summary>
    /// Runs the supernet with <paramref name="weights"/> (edges × ops, used as given) or, when null,
    /// <see cref="ArchWeights"/>. <paramref name="dropout"/> false turns the skip dropout off for this pass.
    /// In no-grad passes that cannot change BN statistics, ops whose weight is exactly zero are skipped.
    /// <paramref name="computed"/>, when given, names the only ops whose outputs are computed; every other op adds
    /// its weight alone (GDAS, see <see cref="CellWeights.Computed"/>).
    /// </summary>
    public Tensor Forward(Tensor input, Tensor? weights = null, bool dropout = true, bool[,]? computed = null)
    {
        using var scope = NewDisposeScope();
        var cellWeights = CellWeightsOf(weights ?? ArchWeights(), dropout ? SkipDropout : 0.0, computed);
        return Run(input, (cell, h) => ((SearchCell)cell).Forward(h, cellWeights)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs the stem and the first cell under <paramref name="weights"/> and keeps what passes that change one edge's
    /// weights at a time share (<see cref="ForwardFrom"/>, <see cref="SearchCell.Trace"/>): the stem and the first
    /// cell's nodes before the changed edge's target are then computed once per batch instead of once per pass. Only in
    /// no-grad passes that cannot change batch-norm statistics, without dropout; the caller disposes the trace.
    /// </summary>
    public CellTrace Trace(Tensor input, Tensor weights)
    {
        RequireTraceable();
        using var scope = NewDisposeScope();
        var cellWeights = CellWeightsOf(weights, 0.0, null);
        return FirstCell.Trace(Stem(input), cellWeights).OwnEverything();
    }

    /// <summary>
    /// The logits for the traced batch under <paramref name="weights"/>: the traced weights with at most the entries
    /// of <paramref name="changedEdge"/> set to zero (null: the traced weights themselves). Bit-identical to
    /// <see cref="Forward"/> with the same weights and dropout off.
    /// </summary>
    public Tensor ForwardFrom(CellTrace trace, Tensor weights, int? changedEdge)
    {
        RequireTraceable();
        using var scope = NewDisposeScope();
        var cellWeights = CellWeightsOf(weights, 0.0, null);
        var first = FirstCell.Replay(trace, cellWeights, changedEdge);
        return RunBlocks(first, 1, (cell, h) => ((SearchCell)cell).Forward(h, cellWeights)).MoveToOuterDisposeScope();
    }

    private void RequireTraceable()
    {
        if (is_grad_enabled() || (training && !BatchNormStatisticsFrozen))
            throw new InvalidOperationException(
                "a supernet is traced only in no-grad passes that leave the batch-norm statistics as they are");
    }

    private SearchCell FirstCell => Blocks.First() as SearchCell
        ?? throw new InvalidOperationException("the supernet's first block is not a search cell");

    private CellWeights CellWeightsOf(Tensor w, double skipDropout, bool[,]? computed)
    {
        var scalars = new Tensor[CellTopology.EdgeCount, Operations.Count];
        for (var e = 0; e < CellTopology.EdgeCount; e++)
            for (var o = 0; o < Operations.Count; o++)
                scalars[e, o] = w[e, o];
        var skipZeros = !is_grad_enabled() && (!training || BatchNormStatisticsFrozen);
        return new CellWeights(scalars, skipZeros ? HostMatrix(w) : null, skipDropout, computed);
    }

    /// <summary>α as a host matrix.</summary>
    public float[,] AlphaValues() => HostMatrix(alpha);

    /// <summary>Overwrites α with <paramref name="values"/>.</summary>
    public void SetAlpha(float[,] values)
    {
        using var _ = no_grad();
        using var source = tensor(values);
        alpha.copy_(source);
    }

    /// <summary>Copies a 2-D tensor to a host matrix.</summary>
    public static float[,] HostMatrix(Tensor matrix)
    {
        using var scope = NewDisposeScope();
        var cpu = matrix.detach().cpu().to(ScalarType.Float32).contiguous();
        var flat = cpu.data<float>().ToArray();
        var rows = (int)cpu.shape[0];
        var cols = (int)cpu.shape[1];
        var result = new float[rows, cols];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }
}
