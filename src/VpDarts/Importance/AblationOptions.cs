namespace VpDarts.Importance;

/// <summary>Options of the validation ablation.</summary>
public sealed record AblationOptions
{
    /// <summary>Draw fresh validation batches for each ablated op (the reference code's behaviour) instead of one
    /// paired set.</summary>
    public bool ResamplePerOp { get; init; }

    /// <summary>Keep the skip-connect dropout active during ablation passes (the reference code does).</summary>
    public bool Dropout { get; init; }

    /// <summary>
    /// Called after every pass over the subset (when every op is measured on the same batches without dropout:
    /// after each batch's passes). The search hands back the allocator's free pages here
    /// (<c>MallocTuning.ReleaseFreeMemory</c>), which keeps an ablation's peak memory near one pass's.
    /// </summary>
    public Action AfterPass { get; init; } = () => { };
}
