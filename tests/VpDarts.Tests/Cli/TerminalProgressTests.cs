namespace VpDarts.Tests.Cli;

/// <summary>On a terminal, training shows one status line rewritten in place, ETA first, and clears it at the end.</summary>
public sealed class TerminalProgressTests() : TempFolderTests("vpdarts-terminal-")
{
    [Fact]
    public void TrainingOnATerminalRewritesOneStatusLineWithTheEtaAndClearsIt()
    {
        var result = CliHarness.Run(terminal: true, "train", "--dataset", "demo", "--arch", Training.TrainFixture.BestCell, "--epochs", "1",
            "--layers", "1", "--channels", "4", "--threads", "1", "--train-limit", "40", "--out", In("train"));
        Assert.True(result.ExitCode == 0, result.ToString());

        var statuses = result.Out.Split('\r').Select(s => s.Split("\u001b[K")[0]).Where(s => s.StartsWith("ep ")).ToList();
        Assert.Contains(statuses, s => s.StartsWith("ep 1/1 train 1/1 [##########] eta ") && s.Contains(" | loss "));
        Assert.Contains(statuses, s => s.StartsWith("ep 1/1 test 2/2 batches [##########] eta 0:00"));
        Assert.Contains("\r\u001b[K", result.Out);  // the status line is cleared before the summary
        Assert.DoesNotContain(result.Out.Split('\n'), l => l.StartsWith("[epoch"));  // not the log's lines
    }
}
