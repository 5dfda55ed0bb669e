namespace VpDarts.Runtime;

/// <summary>Derives independent, reproducible seeds from a run's seed: one SplitMix64 mix per named stream.</summary>
public static class Seeds
{
    // Tags that set the streams of one family apart; a class index never reaches them.
    private const long SplitTag = 0x5EA2C4, TakeTag = 0x1171, SubsetTag = 0x7EA1, AugmentTag = 0xA06C;
    private const long PassesPerEpoch = 1000, DrawsPerEpoch = 10_000, Beyond = 1L << 40;

    /// <summary>The seed of <paramref name="stream"/> (with its <paramref name="index"/>) for a run seeded with
    /// <paramref name="seed"/>.</summary>
    public static int For(int seed, SeedStream stream, long index = 0) => stream switch
    {
        SeedStream.SplitClassShuffle => Mix(seed, index, SplitTag),
        SeedStream.SplitTrainTake => Mix(seed, 1, TakeTag),
        SeedStream.SplitValidTake => Mix(seed, 2, TakeTag),
        SeedStream.SubsetClassShuffle => Mix(seed, index, SubsetTag),
        SeedStream.SubsetTake => Mix(seed, 3, TakeTag),
        SeedStream.SearchTrainLoader => Mix(seed, 1, 0),
        SeedStream.ArchLoader => Mix(seed, 2, 0),
        SeedStream.ValidSubset => Mix(seed, 3, index),
        SeedStream.FullValidOrder => Mix(seed, 4, 0),
        SeedStream.TrainingLoader => Mix(seed, -1, SubsetTag),
        SeedStream.AblationAugment => Mix(seed, index, AugmentTag),
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, null),
    };

    /// <summary>
    /// The torch generator's seed at the start of <paramref name="epoch"/> (dropout draws), independent of what ran
    /// before it so a resumed run draws the same. The formula is the first release's, kept so seeded runs replay.
    /// </summary>
    public static long TorchEpochSeed(int seed, int epoch)
        => ((long)seed * 1_000_003L + epoch * 7919L + 17) & 0x7fffffff;

    /// <summary>
    /// The loader epoch of the <paramref name="pass"/>-th pass over search-valid in <paramref name="epoch"/>: distinct
    /// for every (epoch, pass); the first 1,000 passes of an epoch keep the first release's values.
    /// </summary>
    public static long PassKey(int epoch, int pass) =>
        pass < PassesPerEpoch ? epoch * PassesPerEpoch + pass : Beyond + ((long)epoch << 20) + pass;

    /// <summary>The <see cref="SeedStream.ValidSubset"/> index of draw <paramref name="draw"/> in
    /// <paramref name="epoch"/>, distinct for every pair.</summary>
    public static long DrawKey(int epoch, int draw) =>
        draw < DrawsPerEpoch ? epoch * DrawsPerEpoch + draw : Beyond + ((long)epoch << 20) + draw;

    /// <summary>Mixes <paramref name="seed"/> with two coordinates (SplitMix64).</summary>
    public static int Mix(int seed, long a, long b)
    {
        var x = (ulong)(uint)seed;
        x = Step(x ^ (ulong)a);
        x = Step(x ^ (ulong)b);
        return (int)(x >> 33);
    }

    private static ulong Step(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
