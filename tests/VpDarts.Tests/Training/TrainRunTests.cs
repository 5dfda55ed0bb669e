using System.Text;
using System.Text.Json.Nodes;
using VpDarts.Tests.Data;
using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>Training a tiny network on a CIFAR-10-JPEG slice: metrics, result, export, reload and exact resume.</summary>
[Collection(TrainCollection.Name)]
public sealed class TrainRunTests(TrainFixture fixture)
{
    [Fact]
    public void AModelTrainedOnAFolderDatasetRecordsTheFolderNameAndFingerprintButNoLocalPath()
    {
        var result = fixture.TinyRun;
        Assert.StartsWith("folder:/", fixture.Dataset);
        var root = CifarJpeg.Root.TrimEnd('/');
        var expected = "folder:" + Path.GetFileName(root);
        var info = ModelExport.ReadInfo(result.ModelDirectory);
        Assert.Equal(expected, info.Dataset);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(result.RunDirectory, "config.json")))!;
        Assert.Equal(config["provenance"]!["data"]!["sha256"]!.GetValue<string>(), info.DataSha256);

        var modelJson = File.ReadAllText(Path.Combine(result.ModelDirectory, ModelExport.InfoFile));
        var weights = File.ReadAllBytes(Path.Combine(result.ModelDirectory, ModelExport.SafetensorsFile));
        var header = Encoding.UTF8.GetString(weights, 8, (int)BitConverter.ToUInt64(weights, 0));
        using var model = ModelExport.Load(result.ModelDirectory);
        var onnx = OnnxExport.Build(model.Network, model.Info).MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(expected, onnx["dataset"]);
        Assert.Equal(info.DataSha256, onnx["data_sha256"]);
        foreach (var (what, text) in new[] { ("model.json", modelJson), ("safetensors header", header),
                     ("ONNX metadata", string.Join("\n", onnx.Values)) })
        {
            Assert.False(text.Contains(root, StringComparison.Ordinal), $"{what} holds {root}");
            Assert.False(text.Contains("folder:/", StringComparison.Ordinal), $"{what} holds a folder's path");
        }
        Assert.Contains($"\"dataset\": \"{expected}\"", modelJson);
    }

    [Fact]
    public void TrainsEvaluatesAndExports()
    {
        var result = fixture.TinyRun;
        var metrics = new RunDirectory(result.RunDirectory).ReadTrainMetrics();
        Assert.Equal([0, 1], metrics.Select(m => m.Epoch));
        foreach (var m in metrics)
        {
            Assert.NotNull(m.Lr);
            Assert.NotNull(m.TrainLoss);
            Assert.NotNull(m.Seconds);
            Assert.InRange(m.TrainAcc!.Value, 0, 100);
            Assert.Equal(300, m.Images);
        }
        Assert.Equal(0.05, metrics[0].Lr!.Value, 12);  // cosine starts at lr
        Assert.Equal(0.025, metrics[1].Lr!.Value, 12);  // half-way through the steps: (lr + 0) / 2

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(result.RunDirectory, "result.json")))!;
        Assert.Equal(TrainFixture.BestCell, json["arch"]!.GetValue<string>());
        Assert.Equal(result.TestAccuracy, json["test_acc"]!.GetValue<double>());
        Assert.Equal(200, json["test_images"]!.GetValue<int>());
        Assert.InRange(result.TestAccuracy, 0, 100);
        Assert.True(double.IsFinite(result.TestLoss) && result.TestLoss > 0);
        Assert.Equal(2, json["settings"]!["epochs"]!.GetValue<int>());

        Assert.Equal(Path.Combine(result.RunDirectory, "model"), result.ModelDirectory);
        foreach (var file in new[] { "model.json", "model.safetensors", "model.bin" })
            Assert.True(File.Exists(Path.Combine(result.ModelDirectory, file)), file);
        var info = ModelExport.ReadInfo(result.ModelDirectory);
        Assert.Equal(result.Parameters, info.ParameterCount);
        Assert.Equal(json["params"]!.GetValue<long>(), info.Parameters.Sum(p => p.Elements));
        Assert.Equal((4, 1, 10, 3, 32), (info.Channels, info.Layers, info.Classes, info.InputChannels, info.InputSize));
        Assert.Equal(fixture.Train.ClassNames, info.ClassNames);
        Assert.Equal(fixture.Train.Mean, info.Mean);
    }

    [Fact]
    public void BothExportedFormatsReloadToTheSameNetwork()
    {
        var dir = fixture.TinyRun.ModelDirectory;
        using var fromSafetensors = ModelExport.Load(dir, ModelFormat.Safetensors);
        using var fromBin = ModelExport.Load(dir, ModelFormat.TorchSharp);
        using var scope = NewDisposeScope();
        var input = randn([8, 3, 32, 32], generator: new TorchSharp.torch.Generator(42));
        using var noGrad = no_grad();
        var a = fromSafetensors.Network.forward(input);
        var b = fromBin.Network.forward(input);
        Assert.True(a.equal(b).all().item<bool>(), $"max difference {(a - b).abs().max().item<float>()}");

        // The reloaded network scores the test slice exactly as the run did before exporting.
        var (loss, accuracy) = TrainRun.Evaluate(fromSafetensors.Network, fixture.TestSlice, CPU, 100);
        Assert.Equal(fixture.TinyRun.TestAccuracy, accuracy);
        Assert.Equal(fixture.TinyRun.TestLoss, loss, 5);
    }

    [Fact]
    public void ADivergingRunStopsAndNeverCheckpointsTheDivergedEpoch()
    {
        var dir = Path.Combine(fixture.Root, "diverged");
        var config = fixture.Tiny with { Lr = 100 };  // diverges to a finite 1e9-scale loss (1e6 would reach NaN in a few steps)
        var fault = Assert.Throws<NumericFaultException>(() =>
            new TrainRun(config, fixture.Data(config), new RunDirectory(dir), new SilentProgress()).Execute());
        Assert.Matches(@"^loss (became (NaN|-?∞|-?Infinity)|reached \S+ \(above 1000: the run diverged\)) in epoch 1, step \d+", fault.Message);
        Assert.Empty(Checkpoints.List(Path.Combine(dir, "checkpoints")));
        Assert.Empty(new RunDirectory(dir).ReadTrainMetrics());
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));
    }

    [Fact]
    public void AnInterruptedRunResumesToTheSameMetricsAndWeights()
    {
        var whole = fixture.TinyRun;
        var dir = Path.Combine(fixture.Root, "interrupted");
        var stop = TestProgress.CancelAfterEpochs(1);
        Assert.Throws<OperationCanceledException>(() =>
            new TrainRun(fixture.Tiny, fixture.Data(fixture.Tiny), new RunDirectory(dir), stop).Execute(stop.Token));
        Assert.Single(new RunDirectory(dir).ReadTrainMetrics());
        Assert.False(File.Exists(Path.Combine(dir, "result.json")));

        var progress = new TestProgress();
        var resumed = new TrainRun(fixture.Tiny, fixture.Data(fixture.Tiny), new RunDirectory(dir), progress).Execute();
        Assert.Contains(progress.Notes, n => n.Contains("after epoch 1"));
        Assert.Equal(new RunDirectory(whole.RunDirectory).ReadTrainMetrics().Select(MetricsText.WithoutTimings),
            new RunDirectory(dir).ReadTrainMetrics().Select(MetricsText.WithoutTimings));
        Assert.Equal(whole.TestAccuracy, resumed.TestAccuracy);
        Assert.Equal(whole.TestLoss, resumed.TestLoss);

        var expected = StateDictFiles.ReadSafetensors(Path.Combine(whole.ModelDirectory, "model.safetensors"));
        var actual = StateDictFiles.ReadSafetensors(Path.Combine(resumed.ModelDirectory, "model.safetensors"));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
            Assert.True(tensor.shape.SequenceEqual(actual[name].shape) && tensor.equal(actual[name]).all().item<bool>(), $"{name} differs after resuming");
        foreach (var t in expected.Values.Concat(actual.Values)) t.Dispose();
    }
}
