namespace VpDarts.Tests.Benchmark;

/// <summary>The shared NB201 table, loaded once for all tests that only read it.</summary>
internal static class RealTable
{
    private static readonly Lazy<Nb201Table> Lazy = new(() => Nb201Table.Load(Shared.Nb201Table));

    public static Nb201Table Value => Lazy.Value;
}
