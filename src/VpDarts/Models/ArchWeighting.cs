namespace VpDarts.Models;

/// <summary>How the architecture parameters α become edge weights.</summary>
public enum ArchWeighting
{
    /// <summary>DARTS: w = softmax(α) per edge.</summary>
    Softmax,
    /// <summary>VP-DARTS: w = α as it is (no softmax).</summary>
    Raw,
}
