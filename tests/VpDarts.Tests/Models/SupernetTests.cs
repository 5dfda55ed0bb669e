using TorchSharp;
using static TorchSharp.torch;

namespace VpDarts.Tests.Models;

public sealed class SupernetTests
{
    public static TheoryData<int, int, int, int, ArchWeighting> Shapes()
    {
        var data = new TheoryData<int, int, int, int, ArchWeighting>();
        foreach (var (n, c) in new[] { (1, 4), (1, 16), (5, 4), (5, 16) })
            foreach (var (channels, size) in new[] { (1, 28), (3, 32) })
                foreach (var weighting in new[] { ArchWeighting.Raw, ArchWeighting.Softmax })
                    data.Add(n, c, channels, size, weighting);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardAndBackwardWorkForEveryShape(int cells, int channels, int inputChannels, int size, ArchWeighting weighting)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var net = new Supernet(new NetworkShape(channels, cells, inputChannels, 10), weighting, skipDropout: 0.2);
        net.train();
        var logits = net.Forward(randn(2, inputChannels, size, size));
        Assert.Equal(new long[] { 2, 10 }, logits.shape);
        nn.functional.cross_entropy(logits, tensor(new long[] { 3, 7 })).backward();
        var alphaGrad = net.Alpha.grad!;
        Assert.True(alphaGrad.abs().sum().item<float>() > 0f, "α receives a gradient");
        Assert.True(isfinite(alphaGrad).all().item<bool>());
        Assert.All(net.WeightParameters(), p => Assert.NotNull(p.grad));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void EdgeWithAllWeightsZeroContributesExactlyNothing(int edge)
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var net = new Supernet(new NetworkShape(4, 1, 3, 10), ArchWeighting.Raw);
        net.train();
        var input = randn(4, 3, 32, 32);
        var weights = net.Alpha.detach().clone();
        weights[edge] = zeros(Operations.Count);

        using var frozen = BatchNormStatistics.Freeze(net);
        var before = net.Forward(input, weights).detach().clone();
        using (no_grad())
        {
            foreach (var (name, p) in net.named_parameters())
                if (name.Contains($".edges.{edge}.")) p.add_(randn_like(p));  // change only that edge's ops
        }
        var after = net.Forward(input, weights);
        Assert.True(before.equal(after).all().item<bool>(), "outputs differ although the edge's weights are all zero");

        var changedElsewhere = net.Forward(input);  // with the edge switched on, the perturbation shows
        Assert.False(before.equal(changedElsewhere).all().item<bool>());
    }

    [Fact]
    public void ForwardAndBackwardLeaveNoTensorsBehind()
    {
        manual_seed(3);
        var net = new Supernet(new NetworkShape(4, 1, 3, 10), ArchWeighting.Raw, skipDropout: 0.2);
        net.train();
        using var input = randn(8, 3, 32, 32);
        using var labels = randint(0, 10, 8);

        void Step()
        {
            net.zero_grad();
            using var logits = net.Forward(input);
            using var loss = nn.functional.cross_entropy(logits, labels);
            loss.backward();
        }

        Step();  // creates the .grad tensors once
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Step();
        Step();
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void NoGradAblationSkipsZeroOpsWithoutChangingTheResult()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var net = new Supernet(new NetworkShape(4, 1, 3, 10), ArchWeighting.Raw);
        net.train();
        var input = randn(4, 3, 32, 32);
        var weights = net.Alpha.detach().clone();
        weights[1, 3] = 0f;
        weights[4, 2] = 0f;
        using var frozen = BatchNormStatistics.Freeze(net);
        var withGrad = net.Forward(input, weights).detach();
        using var _ = no_grad();
        var skipped = net.Forward(input, weights);
        Assert.True(allclose(withGrad, skipped, 1e-6, 1e-6));
    }

    [Fact]
    public void FreezingTheStatisticsOfOneSupernetLeavesAnotherAsItWasAndEndsWithItsHandle()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var frozenNet = new Supernet(new NetworkShape(4, 1, 3, 10), ArchWeighting.Raw);
        var other = new Supernet(new NetworkShape(4, 1, 3, 10), ArchWeighting.Raw);
        frozenNet.train();
        other.train();
        var input = randn(4, 3, 32, 32);
        List<Tensor> Buffers(Supernet net) => net.named_buffers().Select(b => b.buffer.clone()).ToList();
        bool Same(List<Tensor> a, List<Tensor> b) => a.Zip(b).All(p => p.First.equal(p.Second).all().item<bool>());

        var frozenBefore = Buffers(frozenNet);
        var otherBefore = Buffers(other);
        using (BatchNormStatistics.Freeze(frozenNet))
        using (no_grad())
        {
            Assert.True(frozenNet.BatchNormStatisticsFrozen);
            Assert.False(other.BatchNormStatisticsFrozen);
            using (BatchNormStatistics.Freeze(frozenNet)) Assert.True(frozenNet.BatchNormStatisticsFrozen);
            Assert.True(frozenNet.BatchNormStatisticsFrozen, "an inner handle leaves the outer freeze in place");
            frozenNet.Forward(input);
            other.Forward(input);
        }
        Assert.True(Same(frozenBefore, Buffers(frozenNet)), "the frozen supernet's running statistics are untouched");
        Assert.False(Same(otherBefore, Buffers(other)), "the other supernet's running statistics are updated");

        Assert.False(frozenNet.BatchNormStatisticsFrozen);
        using (no_grad()) frozenNet.Forward(input);
        Assert.False(Same(frozenBefore, Buffers(frozenNet)), "after the handle, a training pass updates them again");
    }
}
