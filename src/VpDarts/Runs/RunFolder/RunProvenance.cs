using System.Reflection;
using System.Runtime.InteropServices;
using VpDarts.Data;
using VpDarts.Diagnostics;

namespace VpDarts.Runs;

/// <summary>
/// Where and with what a run was started, recorded under <see cref="Key"/> in its <c>config.json</c> beside the
/// settings: the tool, TorchSharp, libtorch and .NET versions, the OS, the command line, the CPU and its vector ISA,
/// the host and the start time. It is a record of the run, not a setting: settings files skip it when read, so a
/// resumed run, <c>--config</c> of a run's <c>config.json</c> and the comparisons of settings never see it.
/// </summary>
public sealed record RunProvenance
{
    /// <summary>The key of the provenance object in <c>config.json</c>.</summary>
    public const string Key = "provenance";

    /// <summary>vpdarts' version (with its build metadata, e.g. the commit, where the build recorded one).</summary>
    public required string VpdartsVersion { get; init; }
    /// <summary>TorchSharp's assembly version.</summary>
    public required string TorchsharpVersion { get; init; }
    /// <summary>The loaded libtorch's version (<c>torch.__version__</c>).</summary>
    public required string LibtorchVersion { get; init; }
    /// <summary>The CPU capability libtorch's kernels dispatch to (e.g. AVX512), or null where libtorch does not
    /// say.</summary>
    public string? AtenCpuCapability { get; init; }
    /// <summary>The .NET runtime.</summary>
    public required string DotnetVersion { get; init; }
    /// <summary>The operating system.</summary>
    public required string Os { get; init; }
    /// <summary>The command line, the program name first and each argument as given.</summary>
    public required IReadOnlyList<string> CommandLine { get; init; }
    /// <summary>The CPU model and vendor.</summary>
    public required string Cpu { get; init; }
    /// <summary>The widest vector ISA of the CPU and its AVX-512/AMX extensions.</summary>
    public required string CpuIsa { get; init; }
    /// <summary>Logical cores of the machine.</summary>
    public required int LogicalCores { get; init; }
    /// <summary>The machine's host name.</summary>
    public required string Host { get; init; }
    /// <summary>When the run started, in UTC.</summary>
    public required DateTime StartedUtc { get; init; }
    /// <summary>
    /// The run's identity, made when it starts and recorded by each of its checkpoints and its result.json, so that a
    /// file of another run is not taken for one of this run's; null in runs of earlier versions.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunId { get; init; }
    /// <summary>The data the run started on; null in runs of earlier versions and where the data cannot say.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DataFingerprint? Data { get; init; }

    /// <summary>
    /// This process, machine and moment, started by the command with <paramref name="arguments"/> (as given, the
    /// program name left out); loads libtorch if it is not loaded yet.
    /// </summary>
    public static RunProvenance Capture(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var (model, flags) = HostDescription.CpuInfo();
        var torchVersion = typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        Runtime.NativeBootstrap.EnsureLoaded();
        return new RunProvenance
        {
            VpdartsVersion = typeof(RunProvenance).Assembly
                    .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(RunProvenance).Assembly.GetName().Version?.ToString() ?? "unknown",
            TorchsharpVersion = torchVersion,
            LibtorchVersion = torch.__version__,
            AtenCpuCapability = LibTorchBuild.CpuCapability(LibTorchBuild.Configuration()),
            DotnetVersion = RuntimeInformation.FrameworkDescription,
            Os = $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            CommandLine = ["vpdarts", .. arguments],
            Cpu = model,
            CpuIsa = HostDescription.VectorIsa(flags),
            LogicalCores = Environment.ProcessorCount,
            Host = Environment.MachineName,
            StartedUtc = DateTime.UtcNow,
        };
    }
}
