namespace VpDarts.Experiments;

/// <summary>What <c>experiment proxies</c> scores: the sample of cells, the batch and the network, and the proxies.
/// Stored as the experiment folder's config.json; a resumed experiment must ask for the same.</summary>
public sealed record ProxyExperimentConfig
{
    /// <summary>Cells drawn from the NB201 space.</summary>
    public int Sample { get; init; } = 1000;
    /// <summary>Seed of the sample and the batch.</summary>
    public int Seed { get; init; }
    /// <summary>Seed of every cell's initial weights.</summary>
    public int InitSeed { get; init; }
    /// <summary>Dataset the batch comes from.</summary>
    public string Dataset { get; init; } = "demo";
    /// <summary>Images in the batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Channels of the first stage.</summary>
    public int Channels { get; init; } = 16;
    /// <summary>Cells per stage.</summary>
    public int Layers { get; init; } = 5;
    /// <summary>The proxies, by name, in report order.</summary>
    public IReadOnlyList<string> Proxies { get; init; } = [];

    /// <summary>The first setting that differs from <paramref name="other"/> ("key: this → other"), or null.</summary>
    public string? Difference(ProxyExperimentConfig other)
    {
        ArgumentNullException.ThrowIfNull(other);
        (string Key, object A, object B)[] fields =
        [
            ("sample", Sample, other.Sample), ("seed", Seed, other.Seed), ("init_seed", InitSeed, other.InitSeed),
            ("dataset", Dataset, other.Dataset), ("batch_size", BatchSize, other.BatchSize),
            ("channels", Channels, other.Channels), ("layers", Layers, other.Layers),
            ("proxies", string.Join(",", Proxies), string.Join(",", other.Proxies)),
        ];
        var (key, a, b) = fields.FirstOrDefault(f => !Equals(f.A, f.B));
        return key is null ? null : $"{key}: {a} → {b}";
    }
}
