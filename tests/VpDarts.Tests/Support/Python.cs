namespace VpDarts.Tests.Support;

/// <summary>Whether this machine has <c>python3</c>, and PyTorch for it (asked once, by running them).</summary>
public static class Python
{
    private static readonly Lazy<bool> HasPython = new(() => ChildProcess.ExitCode("python3", "-c", "pass") == 0);
    private static readonly Lazy<bool> HasTorch = new(() => HasPython.Value
        && ChildProcess.ExitCode("python3", "-c", "import torch") == 0);

    /// <summary>Why a test that needs python3 is skipped here; null when it runs.</summary>
    public static string? MissingPython =>
        HasPython.Value ? null : "python3 cannot be run: install python3 to run this test";

    /// <summary>Why a test that needs PyTorch is skipped here; null when it runs.</summary>
    public static string? MissingTorch => MissingPython ?? (HasTorch.Value ? null
        : "python3 -c \"import torch\" fails: apt-get install python3-torch to run this test (the snippet is " +
          "still compiled with python3 -m py_compile by the tests beside it)");
}
