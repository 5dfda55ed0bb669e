namespace VpDarts.Runs;

/// <summary>
/// The settings that a search (<see cref="SearchConfig"/>) and a training run (<see cref="TrainConfig"/>) both have,
/// in the same sense and within the same bounds, which <see cref="CommonSettingChecks"/> checks for both.
/// </summary>
public interface ICommonSettings
{
    /// <summary>Dataset spec (cifar10, cifar100, fashion-mnist, imagenet16-120, demo, folder:PATH).</summary>
    string Dataset { get; }
    /// <summary>
    /// folder:PATH datasets: side every image is resized and centre-cropped to; null = their own size.
    /// </summary>
    int? ImageSize { get; }
    /// <summary>Cap on the images trained on (class-balanced); null = no cap.</summary>
    int? TrainLimit { get; }
    /// <summary>Cells per stage (N).</summary>
    int Layers { get; }
    /// <summary>Channels of the first stage (C).</summary>
    int Channels { get; }
    /// <summary>Epochs of the run.</summary>
    int Epochs { get; }
    /// <summary>Training batch size.</summary>
    int BatchSize { get; }
    /// <summary>Batch size of the no-grad passes.</summary>
    int EvalBatchSize { get; }
    /// <summary>SGD momentum.</summary>
    double Momentum { get; }
    /// <summary>SGD weight decay in use.</summary>
    double WeightDecay { get; }
    /// <summary>Intra-op threads.</summary>
    int Threads { get; }
    /// <summary>cpu or cuda.</summary>
    string Device { get; }
}
