namespace VpDarts.Runtime;

/// <summary>The native runtime could not be made to load; the message says what was tried.</summary>
public sealed class NativeBootstrapException(string message, Exception? inner = null)
    : Exception("TorchSharp native start-up: " + message, inner);
