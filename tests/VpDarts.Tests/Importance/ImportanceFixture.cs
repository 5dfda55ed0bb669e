using TorchSharp;
using static TorchSharp.torch;

namespace VpDarts.Tests.Importance;

/// <summary>A small supernet, its validation batches and a snapshot of its state, for the estimator tests.</summary>
internal static class ImportanceFixture
{
    public const int Classes = 4;

    /// <summary>N = 1, C = 4, 3-channel 8×8 inputs, 4 classes; single-threaded.</summary>
    public static Supernet Net(int seed, double skipDropout = 0.2)
    {
        torch.set_num_threads(1);
        manual_seed(seed);
        var net = new Supernet(new NetworkShape(4, 1, 3, Classes), ArchWeighting.Raw, skipDropout);
        net.train();
        return net;
    }

    /// <summary>Random images; labels are random or, when <paramref name="teacher"/> is given, the net's own predictions under those weights.</summary>
    public static List<Batch> Batches(Supernet net, int count, int batchSize, int seed, Tensor? teacher = null)
    {
        using var g = new Generator((ulong)seed);
        var batches = new List<Batch>();
        for (var i = 0; i < count; i++)
        {
            var x = randn([batchSize, 3, 8, 8], generator: g);
            Tensor y;
            if (teacher is null) y = randint(0, Classes, [batchSize], generator: g);
            else
            {
                using var frozen = BatchNormStatistics.Freeze(net);
                using var noGrad = no_grad();
                y = net.Forward(x, teacher, dropout: false).argmax(1);
            }
            batches.Add(new Batch(x.DetachFromDisposeScope(), y.DetachFromDisposeScope()));
        }
        return batches;
    }

    /// <summary>Every candidate of every edge.</summary>
    public static bool[,] All() => CellTopology.EveryOp(true);

    /// <summary>A copy of every parameter and buffer, with requires_grad and the stored gradient (if any).</summary>
    public static Dictionary<string, (Tensor Value, bool RequiresGrad, Tensor? Grad)> Snapshot(Supernet net)
    {
        var snapshot = new Dictionary<string, (Tensor, bool, Tensor?)>();
        foreach (var (name, p) in net.named_parameters())
            snapshot[name] = (p.detach().clone().DetachFromDisposeScope(), p.requires_grad, p.grad?.clone().DetachFromDisposeScope());
        foreach (var (name, b) in net.named_buffers())
            snapshot[name] = (b.detach().clone().DetachFromDisposeScope(), false, null);
        return snapshot;
    }

    /// <summary>Asserts that the state dict, requires_grad flags, gradients and training mode match <paramref name="before"/>.</summary>
    public static void AssertUnchanged(Supernet net, Dictionary<string, (Tensor Value, bool RequiresGrad, Tensor? Grad)> before, bool training = true)
    {
        Assert.Equal(training, net.training);
        var state = net.state_dict();
        Assert.Equal(before.Keys.Order(), state.Keys.Order());
        foreach (var (name, value) in state)
            Assert.True(before[name].Value.equal(value).all().item<bool>(), $"{name} changed");
        foreach (var (name, p) in net.named_parameters())
        {
            Assert.Equal(before[name].RequiresGrad, p.requires_grad);
            Assert.Equal(before[name].Grad is null, p.grad is null);
            if (p.grad is not null) Assert.True(before[name].Grad!.equal(p.grad).all().item<bool>(), $"gradient of {name} changed");
        }
    }
}
