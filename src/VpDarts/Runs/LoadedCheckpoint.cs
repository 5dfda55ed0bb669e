using System.Text.Json.Nodes;

namespace VpDarts.Runs;

/// <summary>A checkpoint that loaded and verified.</summary>
public sealed record LoadedCheckpoint(int EpochsDone, JsonObject State, string Folder);
