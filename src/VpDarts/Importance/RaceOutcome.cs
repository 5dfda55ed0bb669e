namespace VpDarts.Importance;

/// <summary>What a race found for each racer.</summary>
/// <param name="Correct">Correct predictions per racer over the batches it saw.</param>
/// <param name="Images">Images per racer.</param>
/// <param name="Batches">Batches per racer.</param>
/// <param name="Survivors">Whether each racer was still racing when the edge stopped.</param>
/// <param name="RoundsRun">Rounds the edge ran (the batches every survivor saw).</param>
/// <param name="Rounds">The per-round log.</param>
public sealed record RaceOutcome(long[] Correct, long[] Images, int[] Batches, bool[] Survivors, int RoundsRun,
    IReadOnlyList<RaceRound> Rounds)
{
    /// <summary>Running accuracy (%) of <paramref name="racer"/>, computed like the exact ablation's.</summary>
    public float Accuracy(int racer) => (float)(100.0 * Correct[racer] / Images[racer]);
}
