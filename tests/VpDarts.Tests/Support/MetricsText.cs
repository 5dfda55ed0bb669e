using System.Text.Json;

namespace VpDarts.Tests.Support;

/// <summary>Metrics lines as the JSON a run writes, without the timings that differ between two runs of the same settings.</summary>
internal static class MetricsText
{
    public static string WithoutTimings(SearchEpochRecord m) => Of(m with { Seconds = null, ImagesPerSecond = null });

    public static string WithoutTimings(TrainEpochRecord m) => Of(m with { Seconds = null, ImagesPerSecond = null });

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, RunDirectory.Json);
}
