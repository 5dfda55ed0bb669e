using static VpDarts.Tests.Support.TensorBoardEvents;

namespace VpDarts.Tests.Reporting;

[Collection(ReportingCollection.Name)]
public sealed class TensorBoardLogTests(ReportingRuns runs)
{
    /// <summary>The tag a text summary is stored under: the writer's tag + <c>/text_summary</c>, as PyTorch's writer names it.</summary>
    private const string ArchText = TensorBoardLog.ArchTag + "/text_summary";

    [Fact]
    public void Two_epochs_make_a_valid_event_file_with_every_scalar()
    {
        var run = Path.Combine(runs.Root, $"tb-{Guid.NewGuid():N}");
        var lines = new RunDirectory(runs.VpDarts).ReadSearchMetrics().Take(2).ToList();

        int written, texts;
        using (var log = new TensorBoardLog(run))
        {
            Assert.Equal(Path.Combine(run, "tensorboard"), log.LogDir);
            foreach (var line in lines) log.Write(line);
            written = log.ScalarsWritten;
            texts = log.TextsWritten;
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(run, "tensorboard")));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
        Assert.True(new FileInfo(file).Length > 0);
        var records = ReadRecords(file);
        Assert.True(Has(records[0], "brain.Event:2"), "the first record is not the file-version event");
        Assert.Equal(1 + written + texts, records.Count);
        Assert.Equal(1, texts);  // the warm-up epoch derives no cell

        // Epoch 1 is warm-up: no valid loss and no cell yet (so no skip count or NB201 scores): 8 scalars + 30 α.
        // Epoch 2 searches: 12 scalars + 30 α + valid loss and accuracy.
        Assert.Equal(8 + 30 + 12 + 30 + 2, written);
        var scalars = records.Skip(1).Where(r => !Has(r, ArchText)).ToList();
        Assert.Equal(8 + 30, scalars.Count(r => Step(r) == 1));
        Assert.Equal(12 + 30 + 2, scalars.Count(r => Step(r) == 2));
        foreach (var tag in new[] { "loss/train", "accuracy/train", "lr", "seconds/ablation", "images_per_s",
                     "alpha/1<-0/none", "alpha/3<-2/avg_pool_3x3", "alpha/2<-1/nor_conv_3x3" })
            Assert.Equal(2, scalars.Count(r => Has(r, tag)));
        foreach (var tag in new[] { "loss/valid", "skip_count", "nb201/cifar10_test" })
            Assert.Single(scalars, r => Has(r, tag));
    }

    [Fact]
    public void Log_attached_to_a_search_holds_every_epoch()
    {
        var summaries = Summaries(Path.Combine(runs.VpDarts, "tensorboard"));
        var texts = summaries.Where(r => Has(r, ArchText)).ToList();
        var scalars = summaries.Except(texts).ToList();

        Assert.Equal(runs.ScalarsLogged, scalars.Count);
        var steps = scalars.Select(Step).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, ReportingRuns.VpEpochs).Select(s => (long?)s), steps);
        Assert.Equal(ReportingRuns.VpEpochs, scalars.Count(r => Has(r, "alpha/3<-0/skip_connect")));
        Assert.DoesNotContain(summaries, r => Has(r, "alpha/edge3/skip_connect"));

        // Every epoch that derived a cell has its arch string as a text summary at its step, in the text plugin's
        // format: plugin_name "text" and a string tensor (dtype DT_STRING = 7, field 1 of TensorProto).
        var epochs = new RunDirectory(runs.VpDarts).ReadSearchMetrics().Where(m => m.Arch is not null).ToList();
        Assert.Equal(ReportingRuns.VpEpochs - ReportingRuns.VpWarmup, epochs.Count);
        Assert.Equal(epochs.Count, texts.Count);
        foreach (var m in epochs)
        {
            var text = Assert.Single(texts, r => Step(r) == m.Number);
            Assert.True(Has(text, m.Arch!), $"epoch {m.Number}: the text summary does not hold {m.Arch}");
            Assert.True(Has(text, "text"), $"epoch {m.Number}: no plugin_name \"text\"");
            Assert.True(text.AsSpan().IndexOf([(byte)0x08, (byte)0x07]) >= 0, $"epoch {m.Number}: no DT_STRING tensor");
        }
    }

    [Fact]
    public void A_training_runs_epochs_are_logged_as_loss_accuracy_and_lr()
    {
        var run = Path.Combine(runs.Root, $"tb-{Guid.NewGuid():N}");
        using (var log = new TensorBoardLog(run))
        {
            log.Write(new TrainEpochRecord { Epoch = 0, Lr = 0.1, TrainLoss = 2.2, TrainAcc = 15, ImagesPerSecond = 900, Seconds = 3 });
            log.Write(new TrainEpochRecord { Epoch = 1, Lr = 0.05, TrainLoss = 1.9, TrainAcc = 30 });
            Assert.Equal(5 + 3, log.ScalarsWritten);
            Assert.Equal(0, log.TextsWritten);
        }

        var summaries = Summaries(Path.Combine(run, "tensorboard"));
        Assert.Equal(8, summaries.Count);
        foreach (var tag in new[] { "loss/train", "accuracy/train", "lr" })
            Assert.Equal([1L, 2L], summaries.Where(r => Has(r, tag)).Select(r => Step(r)!.Value));
        Assert.Single(summaries, r => Has(r, "images_per_s"));
    }

    [Fact]
    public void Writing_after_dispose_fails()
    {
        var log = new TensorBoardLog(Path.Combine(runs.Root, $"tb-{Guid.NewGuid():N}"));
        log.Dispose();
        Assert.Throws<ObjectDisposedException>(() => log.Write(new SearchEpochRecord { Epoch = 0 }));
    }
}
