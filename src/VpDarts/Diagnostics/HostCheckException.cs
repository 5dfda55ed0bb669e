namespace VpDarts.Diagnostics;

/// <summary>A <c>vpdarts doctor</c> check failed: this machine computes wrong or irreproducible numbers; the message
/// says which.</summary>
public sealed class HostCheckException(string message) : Exception(message);
