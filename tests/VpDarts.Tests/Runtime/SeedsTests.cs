using VpDarts.Runtime;

namespace VpDarts.Tests.Runtime;

public class SeedsTests
{
    [Fact]
    public void Every_stream_has_a_seed_and_no_two_streams_share_one()
    {
        var seeds = Enum.GetValues<SeedStream>().Select(stream => Seeds.For(7, stream, 3)).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public void Augmented_ablation_draws_of_one_epoch_and_the_final_pass_differ()
    {
        var keys = new long[] { Seeds.DrawKey(4, 0), Seeds.DrawKey(4, 1), Seeds.DrawKey(5, 0), -1 };
        var seeds = keys.Select(k => Seeds.For(0, SeedStream.AblationAugment, k)).ToList();
        Assert.Equal(keys.Length, seeds.Distinct().Count());
        Assert.Equal(seeds, keys.Select(k => Seeds.For(0, SeedStream.AblationAugment, k)));
    }
}
