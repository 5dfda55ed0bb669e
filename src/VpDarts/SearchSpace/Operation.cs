namespace VpDarts.SearchSpace;

/// <summary>The five candidate operations of an NB201 edge, in α-column order.</summary>
public enum Operation
{
    /// <summary>Zero: the edge contributes nothing.</summary>
    None = 0,
    /// <summary>Identity (optionally followed by dropout in the supernet).</summary>
    SkipConnect = 1,
    /// <summary>ReLU → 1×1 conv → BN.</summary>
    Conv1x1 = 2,
    /// <summary>ReLU → 3×3 conv → BN.</summary>
    Conv3x3 = 3,
    /// <summary>3×3 average pooling, stride 1, padding not counted.</summary>
    AvgPool3x3 = 4,
}
