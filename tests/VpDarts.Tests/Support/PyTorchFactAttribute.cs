namespace VpDarts.Tests.Support;

/// <summary>
/// A test that runs Python code with PyTorch (Debian's <c>python3-torch</c>). Where <c>import torch</c> fails the test
/// is skipped with that reason instead of failing: PyTorch is optional, and vpdarts never needs it.
/// </summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    /// <summary>Skips unless <c>python3 -c "import torch"</c> succeeds.</summary>
    public PyTorchFactAttribute()
    {
        if (Python.MissingTorch is { } reason) Skip = reason;
    }
}
