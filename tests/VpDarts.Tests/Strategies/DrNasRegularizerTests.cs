using static TorchSharp.torch;

namespace VpDarts.Tests.Strategies;

/// <summary>
/// DrNAS's two regularisers: L2 is Adam's weight decay on α of the scale and adds nothing to the loss; KL sets the
/// decay to zero and adds scale · Σ_e KL(Dir(elu(α_e) + 1) ‖ Dir(1)) to the architecture loss.
/// </summary>
public sealed class DrNasRegularizerTests
{
    private static SearchConfig Config(DirichletRegularizer regularizer, double scale = 1e-3) =>
        TinySearch.Config(SearchMethod.Get<DrNasMethod>()) with { DirichletRegularizer = regularizer, DirichletRegScale = scale };

    private static Supernet Net()
    {
        var net = new Supernet(new NetworkShape(4, 1, 3, 4), ArchWeighting.Softmax);
        // elu(1) + 1 = 2 and elu(0) + 1 = 1: every edge is Dir(2, 1, 1, 1, 1), the hand-computed case.
        var alpha = new float[6, 5];
        for (var e = 0; e < 6; e++) alpha[e, 0] = 1;
        net.SetAlpha(alpha);
        return net;
    }

    [Fact]
    public void TheFactoryBuildsDrNas()
    {
        var strategy = MethodModule.StrategyFor(Config(DirichletRegularizer.L2));
        Assert.IsType<DrNasStrategy>(strategy);
        Assert.Equal("drnas", Config(DirichletRegularizer.L2).Method.Name);
        Assert.Equal(ArchWeighting.Softmax, strategy.Weighting);
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(5e-3)]
    public void L2IsAdamsWeightDecayOfTheScaleAndAddsNoTerm(double scale)
    {
        var config = Config(DirichletRegularizer.L2, scale) with { ArchWeightDecay = 0.25 };
        Assert.Equal(scale, config.EffectiveArchWeightDecay);
        using var net = Net();
        Assert.Null(MethodModule.StrategyFor(config).ArchitectureRegularizer(net));
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(5e-3)]
    public void KlSetsTheDecayToZeroAndAddsScaleTimesTheKl(double scale)
    {
        var config = Config(DirichletRegularizer.Kl, scale) with { ArchWeightDecay = 0.25 };
        Assert.Equal(0.0, config.EffectiveArchWeightDecay);
        using var net = Net();
        using var term = MethodModule.StrategyFor(config).ArchitectureRegularizer(net);
        Assert.NotNull(term);
        Assert.Equal(0, term.dim());
        Assert.Equal(scale * 6 * DirichletKlTests.HandCase, term.item<float>(), scale * 1e-5);
    }

    [Fact]
    public void KlTermIsAddedToTheArchitectureLossAndItsGradientToAlphas()
    {
        using var scope = NewDisposeScope();
        const double scale = 5e-3;
        using var net = Net();
        using var sgd = new SgdOptimizer(net.WeightParameters().ToList(), 0.1);
        using var g = new Generator(4);
        var images = randn([8, 3, 8, 8], generator: g);
        var labels = randint(0, 4, [8], generator: g);
        var step = new ArchStep(net, new Batch(images, labels), new Batch(images, labels), sgd, net.WeightParameters().ToList());
        foreach (var p in net.WeightParameters()) p.requires_grad = false;

        // The same seed draws the same Dirichlet weights, so the two losses differ by the term alone.
        (float Loss, Tensor Grad) Backward(DirichletRegularizer regularizer)
        {
            net.Alpha.grad?.zero_();
            manual_seed(9);
            var outcome = MethodModule.StrategyFor(Config(regularizer, scale)).ArchitectureBackward(step);
            return (outcome.Loss.item<float>(), net.Alpha.grad!.clone());
        }
        var (l2Loss, l2Grad) = Backward(DirichletRegularizer.L2);
        var (klLoss, klGrad) = Backward(DirichletRegularizer.Kl);

        Assert.Equal(scale * 6 * DirichletKlTests.HandCase, klLoss - l2Loss, 1e-6);
        var alpha = net.Alpha.detach().to(float64).requires_grad_();
        DrNasStrategy.KlToUniform(DrNasStrategy.Concentration(alpha)).mul(scale).backward();
        var expected = alpha.grad!.to(float32);
        Assert.True(klGrad.sub(l2Grad).sub(expected).abs().max().item<float>() < 1e-6,
            $"gradient difference {string.Join(", ", klGrad.sub(l2Grad).data<float>().ToArray())}; expected {string.Join(", ", expected.data<float>().ToArray())}");
        Assert.True(l2Grad.abs().sum().item<float>() > 0);
    }
}
