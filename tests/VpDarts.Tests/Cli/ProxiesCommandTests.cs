using System.Globalization;
using System.Text.Json;
using VpDarts.Benchmark;
using VpDarts.Proxies;

namespace VpDarts.Tests.Cli;

public sealed class ProxiesCommandTests() : TempFolderTests("vpdarts-proxies-")
{
    private static readonly string[] Tiny = ["--channels", "4", "--layers", "1", "--batch-size", "8", "--threads", "1"];

    [Fact]
    public void SampledCellsAreScoredByEveryProxyWithTheirAccuraciesAndTheCsvHoldsTheSameScores()
    {
        var csv = In("scores.csv");
        var result = CliHarness.Succeeds(["proxies", "--sample", "3", "--seed", "2", "--json", "--out", csv,
            "--table", Shared.Nb201Table, .. Tiny]);
        var table = Nb201Table.Load(Shared.Nb201Table);
        var cells = CellSample.Draw(3, 2);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var rows = File.ReadAllLines(csv);
        var header = rows[0].Split(',');
        Assert.Equal(4, rows.Length);
        for (var i = 0; i < 3; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(cells[i].ToString(), root.GetProperty("arch").GetString());
            Assert.Equal(table.Get(cells[i]).Cifar10, root.GetProperty("cifar10_test").GetDouble());
            var scores = root.GetProperty("scores");
            Assert.Equal(ZeroCostProxies.Names, scores.EnumerateObject().Select(p => p.Name));
            var row = rows[i + 1].Split(',');
            Assert.Equal(cells[i].ToString(), row[0]);
            foreach (var name in ZeroCostProxies.Names)
                Assert.Equal(scores.GetProperty(name).GetDouble(),
                    double.Parse(row[Array.IndexOf(header, name)], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void ACellGivenByItsArchStringScoresAsWhenSampled()
    {
        var cell = CellSample.Draw(1, 5)[0];
        var sampled = CliHarness.Succeeds(["proxies", "--sample", "1", "--seed", "5", "--proxy", "snip",
            "--proxy", "nwot", .. Tiny]).Out;
        var given = CliHarness.Succeeds(["proxies", cell.ToString(), "--seed", "5", "--proxy", "snip",
            "--proxy", "nwot", .. Tiny]).Out;
        Assert.StartsWith(cell + "  snip ", given);
        Assert.Equal(sampled, given);
        var otherWeights = CliHarness.Succeeds(["proxies", cell.ToString(), "--seed", "5", "--init-seed", "6",
            "--proxy", "snip", .. Tiny]).Out;
        Assert.NotEqual(given.Split("  nwot")[0], otherWeights.TrimEnd('\n'));
    }

    [Fact]
    public void AnExistingOutputFileIsRefusedAndLeftAsItWas()
    {
        var csv = In("keep.csv");
        File.WriteAllText(csv, "mine\n");
        var result = CliHarness.Run(["proxies", "--sample", "1", "--out", csv, .. Tiny]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--out", result.Err);
        Assert.Equal("mine\n", File.ReadAllText(csv));
    }

    [Theory]
    [InlineData("--proxy", "naswot", "--proxy: unknown proxy 'naswot'")]
    [InlineData("--sample", "0", "--sample: must be 1 to 15625")]
    [InlineData("--batch-size", "1", "--batch-size: must be at least 2")]
    public void BadOptionsAreOneLineErrorsNamingTheOption(string option, string value, string message)
    {
        var args = option == "--sample"
            ? new[] { "proxies", option, value }
            : ["proxies", "--sample", "1", option, value];
        var result = CliHarness.Run(args);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.ErrLines);
        Assert.Contains(message, result.Err);
    }

    [Fact]
    public void NeitherCellsNorASampleIsAnError()
    {
        var result = CliHarness.Run("proxies");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("give ARCH strings or --sample K", result.Err);
    }
}
