using System.Text.Json;
using static TorchSharp.torch;

namespace VpDarts.Tests.Methods;

/// <summary>
/// RSPS as NAS-Bench-201 runs it: α is never trained, every epoch is a search epoch, and the final cell is the most
/// accurate, with the shared weights, of the distinct cells drawn from the run's seed.
/// </summary>
public sealed class RspsTests() : TempFolderTests("vpdarts-rsps-")
{
    private static SearchConfig Config => TinySearch.Config(SearchMethod.Get<RspsMethod>());

    [Fact]
    public void The_supernet_trains_while_alpha_stays_as_it_began()
    {
        var dir = In("run");
        TinySearch.Run(Config, dir);
        var metrics = new RunDirectory(dir).ReadSearchMetrics();
        Assert.Equal(Config.Epochs, metrics.Count);
        Assert.All(metrics, m => Assert.Equal("search", m.Phase));
        Assert.All(metrics, m => Assert.Null(m.Importance));
        Assert.All(metrics, m => Assert.Equal(JsonSerializer.Serialize(metrics[0].Alpha), JsonSerializer.Serialize(m.Alpha)));
        Assert.NotEqual(metrics[0].TrainLoss, metrics[^1].TrainLoss);
    }

    [Fact]
    public void The_final_cell_is_the_most_accurate_of_the_drawn_cells()
    {
        var config = Config;
        var data = new RandomSearchData();
        set_num_threads(1);
        manual_seed(5);
        var strategy = MethodModule.StrategyFor(config);
        using var net = StrategyFactory.NewSupernet(config, strategy, data.Channels, data.Classes);
        var valid = data.FullValid(config.EvalBatchSize);
        var context = new SearchContext(net, config, StrategyFactory.Importance(config), (_, _) => valid, () => valid);

        var final = strategy.SelectFinal(context);

        var drawn = RspsStrategy.Candidates(config.Seed, RspsMethod.Candidates);
        Assert.Equal(RspsMethod.Candidates, drawn.Distinct().Count());
        var accuracies = drawn.Select(cell => RspsStrategy.Accuracy(net, cell, valid)).ToList();
        Assert.Equal(drawn[accuracies.IndexOf(accuracies.Max())], final.Arch);
        Assert.True(accuracies.Distinct().Count() > 1, "the drawn cells should not all score the same");
        Assert.Equal(drawn, RspsStrategy.Candidates(config.Seed, RspsMethod.Candidates));
        Assert.NotEqual(drawn, RspsStrategy.Candidates(config.Seed + 1, RspsMethod.Candidates));
        foreach (var batch in valid)
        {
            batch.Images.Dispose();
            batch.Labels.Dispose();
        }
    }
}
