using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using VpDarts.Tests.Training;
using static TorchSharp.torch;

namespace VpDarts.Tests.Export;

/// <summary><c>vpdarts export --onnx</c> on the trained tiny run: the file it writes, and its one-line errors.</summary>
[Collection(TrainCollection.Name)]
public sealed class OnnxExportCommandTests(TrainFixture fixture)
{
    [Fact]
    public void ExportsTheTrainedNetworkThatOnnxRuntimeRunsLikeTorchSharp()
    {
        using var dir = new TempDir();
        var file = dir.In("deploy", "cell.onnx");
        var result = CliHarness.Succeeds("export", fixture.TinyRun.RunDirectory, "--onnx", "--out", file);
        Assert.StartsWith($"wrote {file}: ONNX opset 17", result.Out);

        // Real test images, normalised as predict does, through both runtimes.
        using var model = ModelExport.Load(fixture.TinyRun.ModelDirectory);
        using var scope = NewDisposeScope();
        var rows = fixture.TestRows[..8];
        var images = Augment.Normalize(fixture.Test.Images.index_select(0, tensor(rows)), fixture.Test.Mean, fixture.Test.Std).contiguous();
        var values = images.data<float>().ToArray();
        var (logits, _) = OnnxRunner.Run(file, values, images.shape);
        var difference = OnnxRunner.RelativeDifference(logits, OnnxRunner.TorchLogits(model.Network, values, images.shape));
        Assert.True(difference <= 1e-5, $"max |diff| / max |logit| = {difference:E2}");
        Assert.Equal(model.Info.Arch, OnnxRunner.Metadata(file)["arch"]);

        // An existing file is kept unless --force; the safetensors path names the same model.
        var before = File.ReadAllBytes(file);
        File.WriteAllText(file, "old");
        var refused = CliHarness.Run("export", fixture.TinyRun.ModelDirectory, "--onnx", "--out", file);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: --out: {file} exists; add --force to replace it", Assert.Single(refused.ErrLines));
        Assert.Equal("old", File.ReadAllText(file));
        CliHarness.Succeeds("export", Path.Combine(fixture.TinyRun.ModelDirectory, ModelExport.SafetensorsFile), "--onnx", "--out", file, "--force");
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(["cell.onnx"], dir.Files("deploy"));
    }

    [Fact]
    public void WithPreprocessingTheGraphTakesRawPixelsOfRealImagesAndGivesPredictsProbabilities()
    {
        using var dir = new TempDir();
        var pixelsFile = dir.In("cell-pixels.onnx");
        var plainFile = dir.In("cell.onnx");
        var result = CliHarness.Succeeds("export", fixture.TinyRun.RunDirectory, "--onnx", "--with-preprocessing",
            "--out", pixelsFile);
        Assert.Equal($"wrote {pixelsFile}: ONNX opset 17, input 'pixels' [batch,3,32,32] uint8 0..255, normalised " +
                     "inside the graph with the model's mean and std, output 'logits' [batch,10]", result.Out.TrimEnd());
        CliHarness.Succeeds("export", fixture.TinyRun.RunDirectory, "--onnx", "--out", plainFile);

        // The first JPEG of each test class, decoded to channel-planar RGB bytes as they are, fed to the graph.
        using var model = ModelExport.Load(fixture.TinyRun.ModelDirectory);
        var files = FirstOfEachClass();
        const int plane = 32 * 32;
        var pixels = new byte[files.Count * 3 * plane];
        for (var i = 0; i < files.Count; i++)
        {
            using var image = Image.Load<Rgb24>(files[i]);
            Assert.Equal((32, 32), (image.Width, image.Height));
            for (var y = 0; y < 32; y++)
                for (var x = 0; x < 32; x++)
                {
                    var p = image[x, y];
                    var at = i * 3 * plane + y * 32 + x;
                    (pixels[at], pixels[at + plane], pixels[at + 2 * plane]) = (p.R, p.G, p.B);
                }
        }
        var (logits, shape) = OnnxRunner.RunPixels(pixelsFile, pixels, [files.Count, 3, 32, 32]);
        Assert.Equal([files.Count, 10], shape);
        var probabilities = OnnxRunner.Softmax(logits, 10);

        // predict's probabilities for the same files: every class's, and the best one as Predictor reports it.
        var inputs = files.SelectMany(f => Predictor.Preprocess(f, model.Info)).ToArray();
        long[] inputShape = [files.Count, 3, 32, 32];
        var expected = OnnxRunner.Softmax(OnnxRunner.TorchLogits(model.Network, inputs, inputShape), 10);
        var difference = probabilities.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference <= 1e-5, $"max |probability difference| = {difference:E2}");
        var predictions = Predictor.Classify(model, files);
        for (var i = 0; i < files.Count; i++)
        {
            var row = probabilities.AsSpan(i * 10, 10).ToArray();
            var best = Array.IndexOf(row, row.Max());
            Assert.Equal(predictions[i].ClassIndex, best);
            Assert.True(Math.Abs(predictions[i].Probability - row[best]) <= 1e-5,
                $"{files[i]}: predict {predictions[i].Probability}, ONNX {row[best]}");
        }

        // The plain graph, fed what predict feeds the network, gives the same probabilities.
        var (plainLogits, _) = OnnxRunner.Run(plainFile, inputs, inputShape);
        var plainDifference = OnnxRunner.Softmax(plainLogits, 10).Zip(expected, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(plainDifference <= 1e-5, $"plain graph: max |probability difference| = {plainDifference:E2}");
    }

    [Fact]
    public void WithPreprocessingTheDefaultFileIsModelPreprocessedOnnxBesideThePlainOne()
    {
        using var dir = new TempDir();
        var copy = dir.In("model");
        Directory.CreateDirectory(copy);
        foreach (var name in new[] { ModelExport.InfoFile, ModelExport.SafetensorsFile, ModelExport.TorchSharpFile })
            File.Copy(Path.Combine(fixture.TinyRun.ModelDirectory, name), Path.Combine(copy, name));
        CliHarness.Succeeds("export", copy, "--onnx");
        var plain = File.ReadAllBytes(Path.Combine(copy, OnnxExport.FileName));

        CliHarness.Succeeds("export", copy, "--onnx", "--with-preprocessing");
        var written = Path.Combine(copy, OnnxExport.PreprocessedFileName);
        Assert.Equal(OnnxExport.PixelsInputForm, OnnxRunner.Metadata(written)[OnnxExport.InputFormKey]);
        Assert.Equal(plain, File.ReadAllBytes(Path.Combine(copy, OnnxExport.FileName)));
        Assert.DoesNotContain(OnnxExport.InputFormKey,
            OnnxRunner.Metadata(Path.Combine(copy, OnnxExport.FileName)).Keys);
        Assert.Equal(new[] { ModelExport.InfoFile, ModelExport.TorchSharpFile, OnnxExport.PreprocessedFileName,
            OnnxExport.FileName, ModelExport.SafetensorsFile }.Order(StringComparer.Ordinal),
            dir.Files("model").Order(StringComparer.Ordinal));

        // An existing one is kept unless --force, as the plain file is.
        var refused = CliHarness.Run("export", copy, "--onnx", "--with-preprocessing");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: --out: {written} exists; add --force to replace it", Assert.Single(refused.ErrLines));
    }

    [Fact]
    public void WithPreprocessingWithoutOnnxIsRefusedWithOneLineAndWritesNothing()
    {
        using var dir = new TempDir();
        var result = CliHarness.Run("export", fixture.TinyRun.ModelDirectory, "--with-preprocessing", "--out",
            dir.In("x.onnx"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --with-preprocessing: only with --onnx", Assert.Single(result.ErrLines));
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void WithPreprocessingThePlainGraphsNameIsRefusedAndRefusalsNameThePreprocessedDefault()
    {
        var model = fixture.TinyRun.ModelDirectory;
        var plain = Path.Combine(Path.GetFullPath(model), OnnxExport.FileName);
        var before = File.Exists(plain) ? File.ReadAllBytes(plain) : null;
        var refused = CliHarness.Run("export", model, "--onnx", "--with-preprocessing", "--out", plain, "--force");
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"error: --out: {plain} is where the model's plain graph goes", Assert.Single(refused.ErrLines));
        Assert.Equal(before, File.Exists(plain) ? File.ReadAllBytes(plain) : null);

        var record = Path.Combine(fixture.TinyRun.RunDirectory, "config.json");
        var intoRecord = CliHarness.Run("export", model, "--onnx", "--with-preprocessing", "--out", record);
        Assert.Equal(2, intoRecord.ExitCode);
        Assert.EndsWith($"(the default is {Path.Combine(Path.GetFullPath(model), OnnxExport.PreprocessedFileName)})",
            Assert.Single(intoRecord.ErrLines));
    }

    /// <summary>The first test JPEG of each class (classes and files in ordinal order).</summary>
    private static List<string> FirstOfEachClass() =>
        Directory.GetDirectories(Path.Combine(CifarJpeg.Root, "test")).Order(StringComparer.Ordinal)
            .Select(d => Directory.GetFiles(d, "*.jpg").Order(StringComparer.Ordinal).First()).ToList();

    public static TheoryData<string, string> BadModels() => new()
    {
        { "missing", "not found" },
        { "empty", "no model.json here or in model/" },
        { "notes.txt", "not a model.safetensors file" },
        { "broken", "model.json" },
    };

    [Theory]
    [MemberData(nameof(BadModels))]
    public void AMissingOrInvalidModelFailsWithOneLineAndWritesNothing(string name, string message)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.In("empty"));
        File.WriteAllText(dir.In("notes.txt"), "not a model");
        Directory.CreateDirectory(dir.In("broken"));
        File.WriteAllText(dir.In("broken", ModelExport.InfoFile), "{ \"format\": ");
        var before = dir.Entries();
        var result = CliHarness.Run("export", dir.In(name), "--onnx", "--out", dir.In("out.onnx"));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
        Assert.Equal(before, dir.Entries());
    }

    [Fact]
    public void HelpNamesEveryOption()
    {
        var help = CliHarness.Run("export", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var option in new[] { "--onnx", "--with-preprocessing", "--out <FILE>", "--force", "'images' [batch,", "[default: model.onnx in the model folder]" })
            Assert.Contains(option, help.Out);
        Assert.Contains("export <RUN_DIR>", CliHarness.Run("--help").Out);
    }

    [Fact]
    public void WithoutOnnxTheCommandSaysWhichFormatToName()
    {
        var result = CliHarness.Run("export", fixture.Root, "--out", "x.onnx");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--onnx", Assert.Single(result.ErrLines));
    }
}
