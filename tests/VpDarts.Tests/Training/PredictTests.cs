using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>Classifying real JPEG files with an exported model, through the library and the CLI.</summary>
[Collection(TrainCollection.Name)]
public sealed class PredictTests(TrainFixture fixture)
{
    /// <summary>The first test image of each class, with its row in the decoded test split (classes and files sort ordinally).</summary>
    private static IReadOnlyList<(string File, long Row)> FirstOfEachClass()
    {
        var testDir = Path.Combine(CifarJpeg.Root, "test");
        var result = new List<(string, long)>();
        long row = 0;
        foreach (var classDir in Directory.GetDirectories(testDir).Order(StringComparer.Ordinal))
        {
            var files = Directory.GetFiles(classDir, "*.jpg").Order(StringComparer.Ordinal).ToArray();
            result.Add((files[0], row));
            row += files.Length;
        }
        return result;
    }

    /// <summary>Classes and probabilities the reloaded network gives the same images taken from the decoded dataset.</summary>
    private (long[] Classes, float[] Probabilities) Reference(LoadedModel model, long[] rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var images = Augment.Normalize(fixture.Test.Images.index_select(0, tensor(rows)), fixture.Test.Mean, fixture.Test.Std);
        var (p, index) = nn.functional.softmax(model.Network.forward(images), 1).max(1);
        return (index.data<long>().ToArray(), p.data<float>().ToArray());
    }

    [Fact]
    public void PredictsWhatTheReloadedNetworkSaysAboutTheSameImages()
    {
        var images = FirstOfEachClass();
        using var model = ModelExport.Load(fixture.TinyRun.ModelDirectory);
        var (classes, probabilities) = Reference(model, images.Select(i => i.Row).ToArray());
        var predictions = Predictor.Classify(model, images.Select(i => i.File).ToList());
        Assert.Equal(images.Select(i => i.File), predictions.Select(p => p.File));
        Assert.Equal(classes, predictions.Select(p => (long)p.ClassIndex));
        Assert.Equal(classes.Select(c => model.Info.ClassNames[c]), predictions.Select(p => p.ClassName));
        for (var i = 0; i < classes.Length; i++) Assert.Equal(probabilities[i], predictions[i].Probability, 1e-6f);

        // The CLI prints the same, one tab-separated line per image.
        var cli = CliHarness.Succeeds(["predict", "--model", fixture.TinyRun.ModelDirectory, "--threads", "1", .. images.Select(i => i.File)]);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(images.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split('\t');
            Assert.Equal(images[i].File, fields[0]);
            Assert.Equal(classes[i].ToString(), fields[1]);
            Assert.Equal(model.Info.ClassNames[(int)classes[i]], fields[2]);
            Assert.Equal(probabilities[i], float.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture), 1e-4f);
        }
        var fromBin = CliHarness.Run(["predict", "--model", fixture.TinyRun.ModelDirectory, "--format", "torchsharp", "--threads", "1", .. images.Select(i => i.File)]);
        Assert.Equal(cli.Out, fromBin.Out);
    }

    [Fact]
    public void ImagesOfAnotherSizeAreResized()
    {
        using var dir = new TempDir();
        var source = FirstOfEachClass()[3].File;
        using (var image = Image.Load<Rgb24>(source))
        {
            image.Mutate(x => x.Resize(64, 48));
            image.SaveAsPng(dir.In("big.png"));
        }
        using var model = ModelExport.Load(fixture.TinyRun.ModelDirectory);
        var prediction = Assert.Single(Predictor.Classify(model, [dir.In("big.png")]));
        Assert.InRange(prediction.ClassIndex, 0, 9);
        Assert.InRange(prediction.Probability, 0.1f, 1f);  // the most probable of ten classes
        Assert.Equal(3 * 32 * 32, Predictor.Preprocess(dir.In("big.png"), model.Info).Length);
    }

    [Fact]
    public void MissingAndCorruptImagesAreOneLineNamingTheFile()
    {
        using var dir = new TempDir();
        var good = FirstOfEachClass()[0].File;
        File.WriteAllBytes(dir.In("broken.jpg"), File.ReadAllBytes(good)[..40]);
        File.WriteAllText(dir.In("text.png"), "not an image");
        using var model = ModelExport.Load(fixture.TinyRun.ModelDirectory);
        foreach (var bad in new[] { dir.In("broken.jpg"), dir.In("text.png"), dir.In("missing.jpg") })
        {
            var e = Assert.Throws<UserInputException>(() => Predictor.Classify(model, [good, bad]));
            Assert.Contains(bad, e.Message);
            Assert.DoesNotContain('\n', e.Message);

            var cli = CliHarness.Run("predict", "--model", fixture.TinyRun.ModelDirectory, good, bad);
            Assert.Equal(2, cli.ExitCode);
            Assert.Single(cli.ErrLines);
            Assert.Contains(bad, cli.Err);
            Assert.Equal("", cli.Out);  // nothing is printed before every image has been read
        }
        var missingModel = CliHarness.Run("predict", "--model", dir.In("no-model"), good);
        Assert.Equal(2, missingModel.ExitCode);
        Assert.Contains(dir.In("no-model"), Assert.Single(missingModel.ErrLines));
        var noModel = CliHarness.Run("predict", good);
        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains("--model", Assert.Single(noModel.ErrLines));
    }
}
