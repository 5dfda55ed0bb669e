using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VpDarts.Runs;

/// <summary>
/// Serves <see cref="SearchConfig"/> and <see cref="TrainConfig"/> from reflection metadata and nothing else (null for
/// every other type). The source generator builds init-only properties through an object initializer that sets
/// every one of them, so a settings file that leaves a key out would get 0 or null instead of the default the type
/// declares (dotnet/runtime#84484); config.json files of earlier versions lack the keys added since.
/// </summary>
internal sealed class SettingsTypeInfoResolver : IJsonTypeInfoResolver
{
    private readonly DefaultJsonTypeInfoResolver _reflection = new();

    /// <inheritdoc />
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        type == typeof(SearchConfig) || type == typeof(TrainConfig) ? _reflection.GetTypeInfo(type, options) : null;
}
