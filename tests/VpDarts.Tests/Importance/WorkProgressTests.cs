using static TorchSharp.torch;
using static VpDarts.Tests.Importance.ImportanceFixture;

namespace VpDarts.Tests.Importance;

/// <summary>Every importance criterion counts its work up to its total, in the units it iterates.</summary>
public sealed class WorkProgressTests
{
    public static TheoryData<string> Criteria => ["valid-accuracy", "valid-loss", "racing", "screening", "alpha"];

    private static IImportanceCriterion Criterion(string name) => name switch
    {
        "valid-accuracy" => new AblationImportance(AblationMeasure.Accuracy, new AblationOptions()),
        "valid-loss" => new AblationImportance(AblationMeasure.Loss, new AblationOptions()),
        "racing" => new RacingAblationImportance(new RacingOptions()),
        "screening" => new ScreeningImportance(new ScreeningOptions()),
        _ => new AlphaMagnitudeImportance(),
    };

    [Theory]
    [MemberData(nameof(Criteria))]
    public void EveryCriterionCountsItsWorkUpToTheTotal(string name)
    {
        using var scope = NewDisposeScope();
        using var net = Net(seed: 3);
        var batches = Batches(net, count: 2, batchSize: 4, seed: 4);
        var candidates = All();
        candidates[0, 1] = candidates[2, 3] = false;  // 28 candidates
        using var g = new Generator(5);
        var weights = rand([CellTopology.EdgeCount, Operations.Count], generator: g).add_(0.1);
        var work = new RecordedWork();

        Criterion(name).Evaluate(net, weights, candidates, _ => batches, work);

        work.AssertCountsUpToTheTotal();
        var expected = name switch
        {
            "racing" => (CellTopology.EdgeCount, "edges"),
            "screening" => (2 + CellTopology.EdgeCount * new ScreeningOptions().Keep, "steps"),  // batches, then the short list
            "alpha" => (28, "ops"),
            _ => (2 * 23, "passes"),  // 2 batches × (22 ablated ops with weights above zero + the unablated net)
        };
        Assert.Equal(expected, (work.Reports[^1].Total, work.Reports[^1].Unit));
        if (name != "alpha") Assert.True(work.Reports.Count > 1, "a criterion with passes reports as it goes");
    }
}
