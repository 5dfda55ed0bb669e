namespace VpDarts.Importance;

/// <summary>Options of the validation ablation.</summary>
public sealed record AblationOptions
{
    /// <summary>Draw fresh validation batches for each ablated op (the reference code's behaviour) instead of one paired set.</summary>
    public bool ResamplePerOp { get; init; }

    /// <summary>Keep the skip-connect dropout active during ablation passes (the reference code does).</summary>
    public bool Dropout { get; init; }
}
