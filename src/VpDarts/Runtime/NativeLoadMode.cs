namespace VpDarts.Runtime;

/// <summary>How the TorchSharp native library was made loadable.</summary>
public enum NativeLoadMode
{
    /// <summary>The shipped library loaded as it is (the system libstdc++ is new enough).</summary>
    Original,
    /// <summary>A copy with the missing libstdc++ version need marked weak was written and loaded.</summary>
    Patched,
    /// <summary>Not Linux: the platform's normal loading applies.</summary>
    PlatformDefault,
}
