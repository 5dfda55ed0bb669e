using System.Runtime.InteropServices;
using VpDarts.Runtime;

namespace VpDarts.Diagnostics;

/// <summary>
/// What the loaded libtorch says about itself: <c>at::show_config()</c> (versions of its parts, oneDNN among them, and
/// the CPU capability its kernels dispatch to) and <c>at::get_parallel_info()</c> (thread pools). Both are C++
/// functions returning <c>std::string</c>, which TorchSharp does not wrap; they are called through their exported
/// symbols with the x86-64 System V convention for a returned class (a hidden pointer to the result).
/// </summary>
public static class LibTorchBuild
{
    private const string ShowConfig = "_ZN2at11show_configB5cxx11Ev";
    private const string ParallelInfo = "_ZN2at17get_parallel_infoB5cxx11Ev";

    /// <summary>libtorch's build configuration, or null where it cannot be read.</summary>
    public static string? Configuration() => Call(ShowConfig);

    /// <summary>libtorch's thread-pool report, or null where it cannot be read.</summary>
    public static string? Parallelism() => Call(ParallelInfo);

    /// <summary>The oneDNN version in <see cref="Configuration"/> (e.g. <c>3.7.1</c>), or null.</summary>
    public static string? OneDnnVersion(string? configuration) =>
        Find(configuration, @"(?:mkl-dnn|onednn|mkldnn)\s+v?([0-9][0-9.]*[0-9])");

    /// <summary>The MKL version in <see cref="Configuration"/> (e.g. <c>2024.2</c>), or null.</summary>
    public static string? MklVersion(string? configuration)
        => Find(configuration, @"Math Kernel Library Version\s+([0-9][0-9.]*)");

    /// <summary>A thread count from <see cref="Parallelism"/>, e.g. <c>omp_get_max_threads()</c>, or null.</summary>
    public static string? ThreadCount(string? parallelism, string call) =>
        Find(parallelism, System.Text.RegularExpressions.Regex.Escape(call) + @"\s*:\s*([0-9]+)");

    /// <summary>The CPU capability ATen's kernels use (e.g. <c>AVX512</c>), from <see cref="Configuration"/>, or
    /// null.</summary>
    public static string? CpuCapability(string? configuration)
        => Find(configuration, @"CPU capability usage:\s*([A-Za-z0-9_]+)");

    private static string? Find(string? text, string pattern)
    {
        if (text is null) return null;
        var match = System.Text.RegularExpressions.Regex.Match(text, pattern,
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static unsafe string? Call(string symbol)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
        NativeBootstrap.EnsureLoaded();
        var folder = NativeBootstrap.FindNativeFolder();
        if (folder is null || !NativeLibrary.TryLoad(Path.Combine(folder, "libtorch_cpu.so"), out var library))
            return null;
        if (!NativeLibrary.TryGetExport(library, symbol, out var function)) return null;
        // std::string (libstdc++, C++11 ABI): data pointer, length, then 16 bytes of capacity or inline characters.
        var result = stackalloc byte[32];
        ((delegate* unmanaged<byte*, byte*>)function)(result);
        var data = *(byte**)result;
        var length = *(long*)(result + 8);
        return length is >= 0 and < 1 << 20 ? Marshal.PtrToStringUTF8((IntPtr)data, (int)length) : null;
    }
}
