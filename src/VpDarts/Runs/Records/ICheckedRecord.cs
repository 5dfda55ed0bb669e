namespace VpDarts.Runs;

/// <summary>A run-file record with rules its JSON types cannot express (matrix shapes, index ranges, counts).</summary>
public interface ICheckedRecord
{
    /// <summary>What breaks a rule, as <c>'key' what</c>, or null when the record is sound.</summary>
    string? Problem();
}
