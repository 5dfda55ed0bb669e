using VpDarts.Runs;

namespace VpDarts.Export;

/// <summary>
/// Bounds on what a model folder may describe, checked before anything is built from it (docs/MODEL_FORMAT.md,
/// "Limits"). They are far above any network this toolkit trains and keep every size computed from them well inside 64
/// bits; the memory a network takes is further bounded by its weight file, whose tensors must match <c>model.json</c>.
/// </summary>
public static class ModelLimits
{
    /// <summary>Most cells per stage (N), the bound of every run's settings: NB201 uses 5.</summary>
    public const int MaxLayers = Limits.MaxLayers;

    /// <summary>Most first-stage channels (C), the bound of every run's settings; the last stage has 4C. NB201 uses
    /// 16.</summary>
    public const int MaxChannels = Limits.MaxChannels;

    /// <summary>Most classes: ImageNet-21k has 21,841.</summary>
    public const int MaxClasses = 100_000;

    /// <summary>Smallest input height and width: the two stride-2 reduction blocks halve it twice.</summary>
    public const int MinInputSize = 4;

    /// <summary>Largest input height and width: ImageNet networks use 224; NB201 uses 16 and 32.</summary>
    public const int MaxInputSize = 1024;

    /// <summary>Longest class name, in characters.</summary>
    public const int MaxClassNameLength = 1000;

    /// <summary>Largest <c>model.json</c>: a 64-layer network lists about 7,000 tensors, 100,000 class names fit
    /// easily.</summary>
    public const long MaxInfoBytes = 16 << 20;

    /// <summary>Largest safetensors header; the safetensors format itself refuses headers over 100 MB.</summary>
    public const long MaxSafetensorsHeaderBytes = 100_000_000;

    /// <summary>Most dimensions of a tensor (the network's are 1 to 4).</summary>
    public const int MaxRank = 8;
}
