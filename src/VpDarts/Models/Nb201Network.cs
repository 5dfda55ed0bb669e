namespace VpDarts.Models;

/// <summary>
/// The NB201 macro skeleton shared by the supernet and the discrete network: stem, three stages of N cells
/// (C, 2C, 4C) joined by ResNet reduction blocks, then BN-ReLU-GAP-Linear. Module names follow NB201
/// (<c>stem</c>, <c>cells.i</c>, <c>lastact</c>, <c>classifier</c>) so PyTorch state dicts line up.
/// </summary>
public abstract class Nb201Network : nn.Module<Tensor, Tensor>
{
    private readonly Stem stem;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> cells = new();
    private readonly LastAct lastact;
    private readonly Linear classifier;

    /// <summary>Builds the skeleton; <paramref name="createCell"/> makes a cell for a channel count.</summary>
    protected Nb201Network(string name, NetworkShape shape, Func<int, nn.Module<Tensor, Tensor>> createCell)
        : base(name)
    {
        Shape = shape;
        stem = new Stem(shape.InputChannels, shape.Channels);
        for (var stage = 0; stage < 3; stage++)
        {
            var channels = shape.StageChannels(stage);
            if (stage > 0) cells.Add(new ResNetBasicBlock(shape.StageChannels(stage - 1), channels));
            for (var i = 0; i < shape.CellsPerStage; i++) cells.Add(createCell(channels));
        }
        var last = shape.StageChannels(2);
        lastact = new LastAct(last);
        classifier = nn.Linear(last, shape.Classes);
        RegisterComponents();
    }

    /// <summary>The network's shape.</summary>
    public NetworkShape Shape { get; }

    /// <summary>Cells and reduction blocks in order.</summary>
    protected IEnumerable<nn.Module<Tensor, Tensor>> Blocks => cells;

    /// <summary>
    /// Runs the network, calling <paramref name="runCell"/> for search/discrete cells. Each block runs in its own
    /// dispose scope and hands only its output outwards, so intermediates are freed as early as autograd allows.
    /// </summary>
    protected Tensor Run(Tensor input, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor> runCell)
        => RunBlocks(Stem(input), 0, runCell);

    /// <summary>The stem's output for <paramref name="input"/> (laid out channels-last).</summary>
    protected Tensor Stem(Tensor input)
    {
        using var scope = NewDisposeScope();
        return stem.call(ChannelsLast.Of(input)).MoveToOuterDisposeScope();
    }

    /// <summary>Runs the blocks from <paramref name="firstBlock"/> on, then the head; <paramref name="features"/>
    /// (the input of that block) is handed over and disposed.</summary>
    protected Tensor RunBlocks(Tensor features, int firstBlock, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor> runCell)
    {
        foreach (var block in cells.Skip(firstBlock))
        {
            using var scope = NewDisposeScope();
            var output = block is ResNetBasicBlock reduction ? reduction.call(features) : runCell(block, features);
            features.Dispose();
            features = output.MoveToOuterDisposeScope();
        }
        using (var scope = NewDisposeScope())
        {
            using var act = lastact.call(features);
            features.Dispose();
            using var pooled = nn.functional.adaptive_avg_pool2d(act, 1);
            using var flat = pooled.flatten(1);
            return classifier.call(flat).MoveToOuterDisposeScope();
        }
    }
}
