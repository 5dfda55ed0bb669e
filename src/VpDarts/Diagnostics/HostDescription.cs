using System.Runtime.Intrinsics.X86;
using VpDarts.Runtime;

namespace VpDarts.Diagnostics;

/// <summary>The facts about this machine and its torch build that decide which kernels compute vpdarts'
/// numbers.</summary>
public sealed record HostDescription(IReadOnlyList<(string Name, string Value)> Lines)
{
    /// <summary>Environment variables that change which kernels run or how memory behaves.</summary>
    public static readonly string[] RelevantVariables =
    [
        "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "ONEDNN_VERBOSE", "ATEN_CPU_CAPABILITY", "OMP_NUM_THREADS",
        "MKL_NUM_THREADS", "MALLOC_PERTURB_", "MALLOC_CHECK_", "LD_PRELOAD", "VPDARTS_NO_MALLOPT", GcStress.Variable,
        "DOTNET_gcServer", "DOTNET_GCgen0size",
    ];

    /// <summary>Reads the machine, the loaded libtorch and the environment.</summary>
    public static HostDescription Read()
    {
        var native = NativeBootstrap.EnsureLoaded();
        var lines = new List<(string, string)>();
        var (model, flags) = CpuInfo();
        lines.Add(("cpu", $"{model}, {Environment.ProcessorCount} logical cores"));
        lines.Add(("vector isa", VectorIsa(flags)));
        var configuration = LibTorchBuild.Configuration();
        var capability = LibTorchBuild.CpuCapability(configuration);
        lines.Add(("libtorch", $"{torch.__version__} (TorchSharp {typeof(torch).Assembly.GetName().Version}); ATen " +
            $"CPU capability {capability ?? "unknown"}"));
        lines.Add(("onednn", LibTorchBuild.OneDnnVersion(configuration) is { } onednn
            ? $"v{onednn}" : "unknown (libtorch did not report it)"));
        lines.Add(("mkl", LibTorchBuild.MklVersion(configuration) ?? "unknown"));
        var parallelism = LibTorchBuild.Parallelism();
        lines.Add(("threads", $"torch {torch.get_num_threads()}, interop {torch.get_num_interop_threads()}, " +
                              $"OpenMP {LibTorchBuild.ThreadCount(parallelism, "omp_get_max_threads()") ?? "?"}, " +
                              $"MKL {LibTorchBuild.ThreadCount(parallelism, "mkl_get_max_threads()") ?? "?"}"));
        lines.Add(("native library", native.Mode switch
        {
            NativeLoadMode.Patched => $"patched copy {native.LoadedLibraryPath} (GLIBCXX_3.4.32 need marked weak)",
            NativeLoadMode.Original => $"as shipped, {native.LoadedLibraryPath}",
            var mode => mode.ToString(),
        }));
        lines.Add(("malloc", native.MallocTuned
            ? $"thresholds raised (mmap {MallocTuning.MmapThresholdBytes >> 20} MiB, trim " +
                $"{MallocTuning.TrimThresholdBytes >> 20} MiB)"
            : "glibc defaults"));
        var set = RelevantVariables.Select(v => (v, Environment.GetEnvironmentVariable(v)))
            .Where(p => !string.IsNullOrEmpty(p.Item2)).ToList();
        lines.Add(("environment", set.Count == 0 ? "none of the kernel or allocator variables set" : string.Join(", ",
            set.Select(p => $"{p.v}={p.Item2}"))));
        return new HostDescription(lines);
    }

    /// <summary>The CPU's model name (with its vendor) and feature flags, from <c>/proc/cpuinfo</c> where there is
    /// one.</summary>
    internal static (string Model, HashSet<string> Flags) CpuInfo()
    {
        const string path = "/proc/cpuinfo";
        string? model = null, vendor = null;
        var flags = new HashSet<string>();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var colon = line.IndexOf(':');
                if (colon < 0) continue;
                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (key == "model name") model ??= value;
                else if (key == "vendor_id") vendor ??= value;
                else if (key == "flags" && flags.Count == 0)
                    flags.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return ($"{model ?? "unknown model"}{(vendor is null ? "" : $" ({vendor})")}", flags);
    }

    /// <summary>The widest x86 vector ISA (AVX-512, AVX2 or below) and the AVX-512/AMX extensions among
    /// <paramref name="flags"/>.</summary>
    internal static string VectorIsa(HashSet<string> flags)
    {
        var widest = Avx512F.IsSupported || flags.Contains("avx512f") ? "AVX-512"
            : Avx2.IsSupported || flags.Contains("avx2") ? "AVX2"
            : "below AVX2";
        var extensions = flags.Where(f => f.StartsWith("avx512", StringComparison.Ordinal)
            || f.StartsWith("amx", StringComparison.Ordinal)).Order().ToList();
        return extensions.Count == 0 ? widest : $"{widest} ({string.Join(" ", extensions)})";
    }
}
