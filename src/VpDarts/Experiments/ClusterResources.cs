using System.Globalization;
using System.Text.RegularExpressions;
using VpDarts.Runs;

namespace VpDarts.Experiments;

/// <summary>
/// What each task of a cluster job asks for besides its CPUs and GPU: memory, a time limit, and for Slurm a partition
/// and an account. Every value is checked against the forms Slurm (and Kubernetes) take, so none can carry a space, a
/// quote or a line break into the job file.
/// </summary>
public sealed partial record ClusterResources
{
    /// <summary>Memory per task in Slurm's form (<c>8G</c>, <c>512M</c>, or megabytes without a unit); null:
    /// <see cref="DefaultMemory"/> of the preset.</summary>
    public string? Memory { get; init; }

    /// <summary>Time limit per task in Slurm's form (<c>90</c> minutes, <c>4:00:00</c>, <c>2-00:00:00</c>); null: the
    /// cluster's default.</summary>
    public string? Time { get; init; }

    /// <summary>Slurm partition (or a comma-separated list of them); null: the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>Slurm account charged for the job; null: the user's default.</summary>
    public string? Account { get; init; }

    /// <summary>
    /// Memory a task of preset <paramref name="preset"/> asks for by default: <c>2G</c> for tiny and demo (embedded
    /// data), <c>4G</c> for cpu, <c>8G</c> for paper (CIFAR-10 decoded whole in memory, the full supernet).
    /// </summary>
    public static string DefaultMemory(string preset) => preset?.ToLowerInvariant() switch
    {
        PresetNames.Tiny or PresetNames.Demo => "2G",
        PresetNames.Cpu => "4G",
        _ => "8G",
    };

    /// <summary>
    /// Refuses a value the job file of <paramref name="kind"/> cannot take, naming its option
    /// (<c>--cluster-mem: expected a size such as 8G, 512M or 16000 (megabytes), got '8 GB'</c>).
    /// </summary>
    /// <exception cref="UserInputException">A value of the wrong form, or a Slurm-only value for
    /// Kubernetes.</exception>
    public void Check(string kind)
    {
        if (Memory is not null && !MemoryForm().IsMatch(Memory))
            throw new UserInputException(
                $"--cluster-mem: expected a size such as 8G, 512M or 16000 (megabytes), got {OneLine.Quote(Memory)}");
        if (Time is not null && TimeSeconds(Time) is null)
            throw new UserInputException(
                $"--cluster-time: expected minutes, H:MM:SS or D-HH:MM:SS (Slurm's --time), got {OneLine.Quote(Time)}");
        if (Partition is not null && !PartitionForm().IsMatch(Partition))
            throw new UserInputException("--partition: expected a partition name or a comma-separated list of them " +
                $"(letters, digits, _ . + -), got {OneLine.Quote(Partition)}");
        if (Account is not null && !NameForm().IsMatch(Account))
            throw new UserInputException(
                $"--account: expected an account name (letters, digits, _ . + -), got {OneLine.Quote(Account)}");
        if (kind != "slurm" && Partition is not null)
            throw new UserInputException("--partition: only used with --emit slurm");
        if (kind != "slurm" && Account is not null)
            throw new UserInputException("--account: only used with --emit slurm");
    }

    /// <summary>The memory of a task as Slurm takes it, the preset's default when none was given.</summary>
    public string SlurmMemory(string preset) => (Memory ?? DefaultMemory(preset)).ToUpperInvariant();

    /// <summary>The memory of a task as a Kubernetes quantity: <c>8G</c> becomes <c>8Gi</c>, megabytes without a unit
    /// <c>Mi</c>.</summary>
    public string KubernetesMemory(string preset)
    {
        var memory = SlurmMemory(preset);
        return char.IsAsciiDigit(memory[^1]) ? memory + "Mi" : memory + "i";
    }

    /// <summary>
    /// Seconds of a Slurm time limit (<c>minutes</c>, <c>minutes:seconds</c>, <c>hours:minutes:seconds</c>,
    /// <c>days-hours</c>, <c>days-hours:minutes</c>, <c>days-hours:minutes:seconds</c>); null for any other text or
    /// zero.
    /// </summary>
    public static long? TimeSeconds(string time)
    {
        var match = TimeForm().Match(time ?? "");
        if (!match.Success) return null;
        long Part(string group) => match.Groups[group].Success
            ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        long seconds;
        if (match.Groups["days"].Success)
            seconds = Part("days") * 86400 + Part("dh") * 3600 + Part("dm") * 60 + Part("ds");
        else
        {
            var parts = new[] { "a", "b", "c" }.Where(g => match.Groups[g].Success).Select(Part).ToArray();
            seconds = parts.Length switch
            {
                1 => parts[0] * 60,
                2 => parts[0] * 60 + parts[1],
                _ => parts[0] * 3600 + parts[1] * 60 + parts[2],
            };
        }
        return seconds > 0 ? seconds : null;
    }

    [GeneratedRegex(@"^[1-9][0-9]{0,8}[KMGTkmgt]?\z")]
    private static partial Regex MemoryForm();

    [GeneratedRegex(@"^(?:(?<days>[0-9]{1,4})-(?<dh>[0-9]{1,2})(?::(?<dm>[0-9]{1,2})(?::(?<ds>[0-9]{1,2}))?)?" +
        @"|(?<a>[0-9]{1,7})(?::(?<b>[0-9]{1,2})(?::(?<c>[0-9]{1,2}))?)?)\z")]
    private static partial Regex TimeForm();

    [GeneratedRegex(@"^[A-Za-z0-9_.+-]{1,64}(?:,[A-Za-z0-9_.+-]{1,64}){0,15}\z")]
    private static partial Regex PartitionForm();

    [GeneratedRegex(@"^[A-Za-z0-9_.+-]{1,64}\z")]
    private static partial Regex NameForm();
}
