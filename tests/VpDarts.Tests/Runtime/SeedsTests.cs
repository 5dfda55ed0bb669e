namespace VpDarts.Tests.Runtime;

/// <summary>Every random stream of a run has a seed of its own.</summary>
public sealed class SeedsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 30_002)]
    [InlineData(-3, 5)]
    public void Every_stream_has_a_seed_and_no_two_share_one(int seed, long index)
    {
        var seeds = Enum.GetValues<SeedStream>().Select(stream => Seeds.For(seed, stream, index)).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public void Augmented_ablation_batches_are_seeded_per_epoch_and_draw()
    {
        var keys = new[] { Seeds.DrawKey(0, 0), Seeds.DrawKey(0, 1), Seeds.DrawKey(1, 0), -1L };
        var augment = keys.Select(k => Seeds.For(7, SeedStream.AblationAugment, k)).ToList();  // −1: the final selection's
        Assert.Equal(keys.Length, augment.Distinct().Count());
        Assert.Equal(augment, keys.Select(k => Seeds.For(7, SeedStream.AblationAugment, k)));
        Assert.NotEqual(augment, keys.Select(k => Seeds.For(8, SeedStream.AblationAugment, k)));
        Assert.Empty(augment.Intersect(keys.Select(k => Seeds.For(7, SeedStream.ValidSubset, k))));  // not the rows' seed
    }
}
