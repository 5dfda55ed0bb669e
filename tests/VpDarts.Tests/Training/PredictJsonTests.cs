using System.Text.Json;
using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;

namespace VpDarts.Tests.Training;

/// <summary><c>predict --json</c>: one JSON object per image, the predictor's values exactly.</summary>
[Collection(TrainCollection.Name)]
public sealed class PredictJsonTests(TrainFixture fixture) : TempFolderTests("vpdarts-predict-json-")
{
    [Fact]
    public void EachImageIsOneJsonLineWithEveryProbabilityAsThePredictorComputedIt()
    {
        var sources = Directory.GetDirectories(Path.Combine(CifarJpeg.Root, "test")).Order(StringComparer.Ordinal)
            .Take(3).Select(d => Directory.GetFiles(d, "*.jpg").Order(StringComparer.Ordinal).First()).ToArray();
        // names a JSON writer must escape: a quote, a backslash, a newline, a tab and non-ASCII
        string[] names = ["plain.jpg", "say \"cheese\" \\ here.jpg", "two\nlines\tand é.jpg"];
        var files = names.Select((n, i) => { File.Copy(sources[i], In(n)); return In(n); }).ToArray();

        using var model = ModelExport.Load(fixture.TinyRun.ModelDirectory);
        var expected = Predictor.Classify(model, files);
        var cli = CliHarness.Succeeds(["predict", "--model", fixture.TinyRun.ModelDirectory, "--json",
            "--threads", "1", .. files]);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(files.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(["file", "class_index", "class_name", "probability", "probabilities"],
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(files[i], root.GetProperty("file").GetString());
            Assert.Equal(expected[i].ClassIndex, root.GetProperty("class_index").GetInt32());
            Assert.Equal(expected[i].ClassName, root.GetProperty("class_name").GetString());
            Assert.Equal((double)expected[i].Probability, root.GetProperty("probability").GetDouble());
            var all = root.GetProperty("probabilities").EnumerateArray().ToArray();
            Assert.Equal(model.Info.ClassNames, all.Select(p => p.GetProperty("class_name").GetString()));
            Assert.Equal(expected[i].Probabilities.Select(p => (double)p),
                all.Select(p => p.GetProperty("probability").GetDouble()));
            Assert.Equal(expected[i].Probability, expected[i].Probabilities[expected[i].ClassIndex]);
            Assert.Equal(expected[i].Probabilities.Max(), expected[i].Probability);
        }
    }
}
