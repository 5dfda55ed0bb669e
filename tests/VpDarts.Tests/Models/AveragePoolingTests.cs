using static TorchSharp.torch;

namespace VpDarts.Tests.Models;

public sealed class AveragePoolingTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    [InlineData(8, 8)]
    [InlineData(32, 32)]
    public void MatchesAvgPool2dWithoutPaddedPixelsInValueAndGradient(int height, int width)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = randn(2, 3, height, width).requires_grad_(true);
        var y = randn(2, 3, height, width).requires_grad_(true);
        using (no_grad()) y.copy_(x);
        var ours = AveragePooling.Pool3x3(x);
        var reference = nn.functional.avg_pool2d(y, 3, 1, 1, count_include_pad: false);
        Assert.True(allclose(ours, reference, 1e-6, 1e-6));
        var probe = randn(2, 3, height, width);
        (ours * probe).sum().backward();
        (reference * probe).sum().backward();
        Assert.True(allclose(x.grad!, y.grad!, 1e-6, 1e-6));
    }
}
