namespace VpDarts.Tests.Support;

/// <summary>A test that runs <c>python3</c>; skipped, with that reason, where there is none.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>Skips unless python3 runs.</summary>
    public PythonFactAttribute()
    {
        if (Python.MissingPython is { } reason) Skip = reason;
    }
}
