namespace VpDarts.Importance;

/// <summary>
/// One round of one edge's race, after the round's batch was added: the ops still racing before the round's
/// decision, the leader (lowest running accuracy), each other racing op's one-sided p-value against the leader, the
/// threshold they were compared with and the ops that left. Ops that share one racer (ops that cannot change the
/// output all race as one) appear together and get the same p-value.
/// </summary>
public sealed record RaceRound(
    int Edge,
    int Batches,
    long ImagesPerOp,
    int Leader,
    IReadOnlyList<int> Racing,
    IReadOnlyDictionary<int, double> PValues,
    double Threshold,
    IReadOnlyList<int> Eliminated,
    bool Stopped);
