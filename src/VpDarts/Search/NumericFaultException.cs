namespace VpDarts.Search;

/// <summary>A loss or α became NaN or infinite; the message names where, and what can be done.</summary>
public sealed class NumericFaultException(string message) : Exception(message);
