using VpDarts.Benchmark;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using static TorchSharp.torch.utils;

namespace VpDarts.Reporting;

/// <summary>
/// Logs each epoch's metrics as TensorBoard scalars in <c>RUN_DIR/tensorboard/</c> (TorchSharp's
/// <c>SummaryWriter</c>; view with <c>tensorboard --logdir RUN_DIR/tensorboard</c>). Made to be plugged into
/// <see cref="Search.SearchRun.OnEpoch"/>: <c>OnEpoch = log.Write</c>. The step of every scalar is the 1-based epoch
/// number. Tags: <c>loss/train</c>, <c>loss/valid</c>, <c>accuracy/train</c>, <c>accuracy/valid</c>, <c>lr</c>,
/// <c>skip_count</c>, <c>pruning/strength</c>, <c>nb201/cifar10_test</c> (and the other NB201 data sets when scored),
/// <c>seconds/ablation</c>, <c>seconds/train</c>, <c>seconds/total</c>, <c>images_per_s</c>, and
/// <c>alpha/edge{e}/{op}</c> for every edge e = 0..5 (α-row order 1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2)
/// and operation name. Values a metrics line leaves null (valid loss in warm-up, say) are not logged.
/// </summary>
/// <remarks>
/// TensorBoard event files are append-only logs: each scalar is appended (and flushed) as its own record, so a
/// crash loses at most the record being written. A new writer (after a resume, say) starts a new event file in
/// the same folder, which TensorBoard reads together with the earlier ones.
/// </remarks>
public sealed class TensorBoardLog : IDisposable
{
    /// <summary>Name of the event folder inside the run folder.</summary>
    public const string Folder = "tensorboard";

    private readonly SummaryWriter _writer;
    private bool _disposed;

    /// <summary>Opens a log in <c><paramref name="runDir"/>/tensorboard/</c>, creating the folder if needed.</summary>
    /// <exception cref="UserInputException">The folder cannot be created.</exception>
    public TensorBoardLog(string runDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDir);
        LogDir = Path.Combine(Path.GetFullPath(runDir), Folder);
        try
        {
            Directory.CreateDirectory(LogDir);
            _writer = tensorboard.SummaryWriter(LogDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{LogDir}: cannot create the TensorBoard log ({OneLine.Of(e)})", e);
        }
    }

    /// <summary>Absolute path of the event folder.</summary>
    public string LogDir { get; }

    /// <summary>Number of scalars written so far.</summary>
    public int ScalarsWritten { get; private set; }

    /// <summary>Logs the scalars of one <c>metrics.jsonl</c> line (see the class summary for the tags).</summary>
    /// <exception cref="UserInputException">A matrix of the line is not edges × operations, or a pruned pair is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The log was disposed.</exception>
    public void Write(SearchEpochRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (m.Problem() is { } problem) throw new UserInputException($"epoch metrics: {problem}");
        var step = m.Number;

        void Scalar(string tag, double? value)
        {
            if (value is not { } v) return;
            _writer.add_scalar(tag, (float)v, step);
            ScalarsWritten++;
        }

        Scalar("loss/train", m.TrainLoss);
        Scalar("loss/valid", m.ValidLoss);
        Scalar("accuracy/train", m.TrainAcc);
        Scalar("accuracy/valid", m.ValidAcc);
        Scalar("lr", m.Lr);
        Scalar("skip_count", m.SkipCount);
        Scalar("pruning/strength", m.DecayFactor is { } d ? 1 - d : 0);
        foreach (var dataset in Nb201Datasets.All)
            Scalar($"nb201/{dataset.Key()}", m.Nb201?.Accuracy(dataset));
        Scalar("seconds/ablation", m.Seconds?.Ablation);
        Scalar("seconds/train", m.Seconds?.Train);
        Scalar("seconds/total", m.Seconds?.Total);
        Scalar("images_per_s", m.ImagesPerSecond);
        if (m.Alpha is { } alpha)
        {
            for (var e = 0; e < CellTopology.EdgeCount; e++)
                for (var o = 0; o < Operations.Count; o++)
                    Scalar($"alpha/edge{e}/{Operations.Names[o]}", alpha[e][o] is { } a && double.IsFinite(a) ? a : null);
        }
    }

    /// <summary>Ends the log; every record is already on disk, so this only stops further writes.</summary>
    public void Dispose() => _disposed = true;
}
