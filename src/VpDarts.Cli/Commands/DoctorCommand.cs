using TorchSharp;
using VpDarts.Diagnostics;

namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>vpdarts doctor</c>: what this machine and its torch build are (CPU vector ISA, libtorch and oneDNN versions,
/// threads, how the native library was loaded), then whether they compute vpdarts' numbers right (the embedded
/// PyTorch reference) and reproducibly (repeated steps under GC stress). Exits 1 with a one-line reason if not.
/// </summary>
public sealed class DoctorCommand(IAnsiConsole console) : TorchCommand<DoctorCommand.Settings>
{
    /// <summary>Options of <c>vpdarts doctor</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Torch threads for the checks.</summary>
        [CommandOption("--threads <N>")]
        [Description("Torch threads for the checks (default: all cores, as a search uses)")]
        public int? Threads { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Threads is < 1
                ? ValidationResult.Error($"--threads: must be positive, got {Threads}") : ValidationResult.Success();
    }

    /// <summary>Adds the command to the application.</summary>
    public static void Register(IConfigurator config) =>
        config.AddCommand<DoctorCommand>("doctor")
            .WithDescription("Check this machine first: CPU vector ISA, libtorch/oneDNN versions, threads, native " +
                             "loading, then a comparison with PyTorch's numbers and a repeated-step determinism " +
                             "check. Exits 1 if the numbers are wrong.")
            .WithExample("doctor")
            .WithExample("doctor", "--threads", "1");

    /// <inheritdoc />
    protected override int ExecuteWithTorch(CommandContext context, Settings settings,
        CancellationToken cancellationToken)
    {
        torch.set_num_threads(settings.Threads ?? Environment.ProcessorCount);
        var width = 15;
        foreach (var (name, value) in HostDescription.Read().Lines)
            Output.Line(console, $"{name.PadRight(width)}{value}");
        var failures = new List<CheckResult>();
        foreach (var check in new Func<CheckResult>[] { GoldenCheck.Run, () => DeterminismCheck.Run() })
        {
            var result = check();
            Output.Line(console, $"{result.Name.PadRight(width)}{(result.Passed ? "ok" : "FAILED")}: {result.Detail}");
            if (!result.Passed) failures.Add(result);
        }
        if (failures.Count > 0)
            throw new HostCheckException($"{failures[0].Detail}. {Preflight.Advice}");
        Output.Line(console, "this machine computes vpdarts' numbers correctly and reproducibly");
        return 0;
    }
}
