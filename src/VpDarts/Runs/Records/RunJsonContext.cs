using System.Text.Json.Nodes;

namespace VpDarts.Runs;

/// <summary>
/// Source-generated JSON metadata of every file a run writes: the settings, the metrics lines, the results and the
/// checkpoint manifests. <see cref="RunDirectory.Json"/> resolves types through it.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true)]
[JsonSerializable(typeof(SearchConfig))]
[JsonSerializable(typeof(TrainConfig))]
[JsonSerializable(typeof(RunProvenance))]
[JsonSerializable(typeof(SearchEpochRecord))]
[JsonSerializable(typeof(SearchResultRecord))]
[JsonSerializable(typeof(TrainEpochRecord))]
[JsonSerializable(typeof(TrainResultRecord))]
[JsonSerializable(typeof(CheckpointManifest))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class RunJsonContext : JsonSerializerContext;
