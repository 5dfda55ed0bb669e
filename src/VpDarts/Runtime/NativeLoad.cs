namespace VpDarts.Runtime;

/// <summary>
/// What the native start-up (<see cref="NativeBootstrap.EnsureLoaded"/>) did; the same for the whole process.
/// </summary>
/// <param name="Mode">How the native library was loaded.</param>
/// <param name="LoadedLibraryPath">
/// Full path of the library file that was loaded (the patched copy when <paramref name="Mode"/> is
/// <see cref="NativeLoadMode.Patched"/>); null where the platform loads it
/// (<see cref="NativeLoadMode.PlatformDefault"/>).
/// </param>
/// <param name="MallocTuned">Whether glibc's malloc thresholds were raised.</param>
/// <param name="NnpackTurnedOff">
/// Whether NNPACK was turned off because it cannot initialise on this CPU (libtorch would otherwise log a warning at
/// every convolution that considers it).
/// </param>
public sealed record NativeLoad(NativeLoadMode Mode, string? LoadedLibraryPath, bool MallocTuned, bool NnpackTurnedOff);
