namespace VpDarts.Data;

/// <summary>Derives independent, reproducible seeds from a base seed and coordinates (SplitMix64).</summary>
internal static class Seeds
{
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
