using VpDarts.Diagnostics;

namespace VpDarts.Tests.Cli;

public sealed class DoctorCommandTests
{
    [Fact]
    public void DoctorDescribesTheMachineAndPassesItsChecks()
    {
        var result = CliHarness.Succeeds("doctor", "--threads", "1");
        var lines = result.Out.Split('\n');
        foreach (var name in new[] { "cpu", "vector isa", "libtorch", "onednn", "mkl", "threads", "native library", "malloc", "environment" })
            Assert.Contains(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.Matches(@"(?m)^onednn\s+v\d+\.\d+", result.Out);         // read from libtorch's own build report
        Assert.Matches(@"(?m)^threads\s+torch 1,", result.Out);
        Assert.Matches(@"(?m)^golden\s+ok: .*largest relative error", result.Out);
        Assert.Matches(@"(?m)^determinism\s+ok: 3 repeats", result.Out);
    }

    [Fact]
    public void TheGoldenComparisonNoticesAWrongGradient()
    {
        using var reference = DoctorReference.Load();
        var ours = GoldenCheck.Compute(reference);
        var expected = reference.Expected("alpha_grad");
        Assert.True(GoldenCheck.RelativeError(expected, ours["alpha_grad"]) <= GoldenCheck.Tolerance);
        var wrong = ours["alpha_grad"].ToArray();
        wrong[7] *= 1.01f;  // a one-percent error in one entry of dloss/dα
        Assert.True(GoldenCheck.RelativeError(expected, wrong) > GoldenCheck.Tolerance);
    }

    [Fact]
    public void AFailedCheckIsOneErrorLineAndExitCodeOne()
    {
        var error = new StringWriter();
        var code = VpDarts.Cli.CliErrors.Report(new HostCheckException("dloss/dα differs from PyTorch by 2.69E-01"), error);
        Assert.Equal(1, code);
        Assert.Equal("error: host check: dloss/dα differs from PyTorch by 2.69E-01" + Environment.NewLine, error.ToString());
    }
}
