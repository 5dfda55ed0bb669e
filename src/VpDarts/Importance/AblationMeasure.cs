namespace VpDarts.Importance;

/// <summary>What an ablation measures.</summary>
public enum AblationMeasure
{
    /// <summary>Top-1 accuracy (%) with the op removed; the op whose removal gives the lowest accuracy matters
    /// most.</summary>
    Accuracy,
    /// <summary>Mean cross-entropy with the op removed; the op whose removal gives the highest loss matters
    /// most.</summary>
    Loss,
}
