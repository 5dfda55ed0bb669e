namespace VpDarts.Models;

/// <summary>Shape of an NB201 network: channels C of the first stage, N cells per stage, input and classes.</summary>
public sealed record NetworkShape(int Channels, int CellsPerStage, int InputChannels, int Classes)
{
    /// <summary>Channel count of each of the three stages (C, 2C, 4C).</summary>
    public int StageChannels(int stage) => Channels << stage;
}
