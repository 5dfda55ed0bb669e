using VpDarts.Benchmark;
using VpDarts.Runs;
using VpDarts.SearchSpace;
using static TorchSharp.torch.utils;

namespace VpDarts.Reporting;

/// <summary>
/// Logs each epoch's metrics as TensorBoard scalars (and the cell as text) in <c>RUN_DIR/tensorboard/</c> (TorchSharp's
/// <c>SummaryWriter</c>; view with <c>tensorboard --logdir RUN_DIR/tensorboard</c>). Made to be plugged into
/// <see cref="Search.SearchRun.OnEpoch"/> or <see cref="Training.TrainRun.OnEpoch"/>: <c>OnEpoch = log.Write</c>. The
/// step of every summary is the 1-based epoch number. A search's tags: <c>loss/train</c>, <c>loss/valid</c>,
/// <c>accuracy/train</c>, <c>accuracy/valid</c>, <c>lr</c>, <c>skip_count</c>, <c>pruning/strength</c>,
/// <c>nb201/cifar10_test</c> (and the other NB201 data sets when scored), <c>seconds/ablation</c>,
/// <c>seconds/train</c>, <c>seconds/total</c>, <c>images_per_s</c>, <c>alpha/{edge}/{op}</c> for every edge, named as
/// the reports name it (<c>alpha/1&lt;-0/nor_conv_3x3</c>: to-node &lt;- from-node), and operation, and the text
/// summary <c>arch</c> (stored as <c>arch/text_summary</c>, as PyTorch's writer names text): the epoch's derived arch
/// string, in the text plugin's format. A training run's tags:
/// <c>loss/train</c>, <c>accuracy/train</c>, <c>lr</c>, <c>images_per_s</c>, <c>seconds/total</c>. Values a metrics
/// line leaves null (valid loss in warm-up, say) are not logged.
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

    /// <summary>Number of text summaries (arch strings) written so far.</summary>
    public int TextsWritten { get; private set; }

    /// <summary>The tag of an α scalar: <c>alpha/</c>, the edge as the reports name it (<c>1&lt;-0</c>), <c>/</c>, the
    /// operation.</summary>
    public static string AlphaTag(int edge, int op) => $"alpha/{CellTopology.EdgeLabel(edge)}/{Operations.Names[op]}";

    /// <summary>Logs the scalars of one <c>metrics.jsonl</c> line (see the class summary for the tags).</summary>
    /// <exception cref="UserInputException">A matrix of the line is not edges × operations, or a pruned pair is out of
    /// range.</exception>
    /// <exception cref="ObjectDisposedException">The log was disposed.</exception>
    public void Write(SearchEpochRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (m.Problem() is { } problem) throw new UserInputException($"epoch metrics: {problem}");
        var step = m.Number;

        void Scalar(string tag, double? value) => WriteScalar(tag, value, step);

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
                    Scalar(AlphaTag(e, o), alpha[e][o] is { } a && double.IsFinite(a) ? a : null);
        }
        if (m.Arch is { } arch)
        {
            Guarded(() => _writer.add_text(ArchTag, arch, step));
            TextsWritten++;
        }
    }

    /// <summary>Tag of the text summary that holds each epoch's derived arch string.</summary>
    public const string ArchTag = "arch";

    /// <summary>Logs the scalars of one line of a training run's <c>metrics.jsonl</c> (see the class summary for the
    /// tags).</summary>
    /// <exception cref="ObjectDisposedException">The log was disposed.</exception>
    public void Write(TrainEpochRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteScalar("loss/train", m.TrainLoss, m.Number);
        WriteScalar("accuracy/train", m.TrainAcc, m.Number);
        WriteScalar("lr", m.Lr, m.Number);
        WriteScalar("images_per_s", m.ImagesPerSecond, m.Number);
        WriteScalar("seconds/total", m.Seconds, m.Number);
    }

    private void WriteScalar(string tag, double? value, int step)
    {
        if (value is not { } v) return;
        Guarded(() => _writer.add_scalar(tag, (float)v, step));
        ScalarsWritten++;
    }

    /// <summary>Runs one write of the event file; a failing disk, or a run folder moved away, is a one-line error
    /// naming the folder.</summary>
    private void Guarded(Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{LogDir}: cannot write the TensorBoard log ({OneLine.Of(e)})", e);
        }
    }

    /// <summary>Ends the log; every record is already on disk, so this only stops further writes.</summary>
    public void Dispose() => _disposed = true;
}
