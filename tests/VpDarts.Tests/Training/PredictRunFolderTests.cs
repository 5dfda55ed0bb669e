using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using VpDarts.Tests.Support;

namespace VpDarts.Tests.Training;

/// <summary><c>predict --model</c> takes a run folder as <c>export</c> does, and writes nothing into it.</summary>
[Collection(TrainCollection.Name)]
public sealed class PredictRunFolderTests(TrainFixture fixture) : TempFolderTests("vpdarts-predict-run-")
{
    private static string Image() =>
        Directory.GetFiles(Directory.GetDirectories(Path.Combine(CifarJpeg.Root, "test"))
            .Order(StringComparer.Ordinal).First(), "*.jpg").Order(StringComparer.Ordinal).First();

    private static string[] Listing(string folder) =>
        Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(p => $"{Path.GetRelativePath(folder, p)} {(File.Exists(p) ? new FileInfo(p).Length : -1)} " +
                         $"{File.GetLastWriteTimeUtc(p).Ticks}")
            .Order(StringComparer.Ordinal).ToArray();

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    [Fact]
    public void ATrainRunFolderPredictsAsItsModelFolderAndIsLeftAsItWas()
    {
        var run = fixture.TinyRun.RunDirectory;
        var fromModel = CliHarness.Succeeds("predict", "--model", fixture.TinyRun.ModelDirectory, "--threads", "1",
            Image());
        var before = Listing(run);
        var fromRun = CliHarness.Succeeds("predict", "--model", run, "--threads", "1", Image());
        Assert.Equal(fromModel.Out, fromRun.Out);
        Assert.Single(fromRun.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, Listing(run));
    }

    [Fact]
    public void ASearchRunTrainedWithThenTrainPredictsAndExportsThroughItsTrainModelFolder()
    {
        var search = In("search");
        Directory.CreateDirectory(search);
        File.WriteAllText(Path.Combine(search, RunDirectory.MarkerFile), "");
        File.WriteAllText(In("search", "config.json"), "{}");
        Directory.CreateDirectory(In("search", "train"));
        File.WriteAllText(In("search", "train", RunDirectory.MarkerFile), "");
        CopyFolder(fixture.TinyRun.ModelDirectory, In("search", "train", "model"));
        File.Delete(In("search", "train", "model", OnnxExport.FileName));

        var expected = CliHarness.Succeeds("predict", "--model", fixture.TinyRun.ModelDirectory, "--threads", "1",
            Image());
        var before = Listing(search);
        Assert.Equal(expected.Out, CliHarness.Succeeds("predict", "--model", search, "--threads", "1", Image()).Out);
        Assert.Equal(before, Listing(search));

        // export takes the same folder and writes model.onnx into train/model/, as train would have
        var exported = CliHarness.Succeeds("export", search, "--onnx");
        Assert.StartsWith($"wrote {In("search", "train", "model", OnnxExport.FileName)}: ", exported.Out);
        Assert.True(File.Exists(In("search", "train", "model", OnnxExport.FileName)));
    }

    [Fact]
    public void AFolderThatIsNeitherIsOneLineNamingIt()
    {
        Directory.CreateDirectory(In("empty"));
        Directory.CreateDirectory(In("unfinished"));
        File.WriteAllText(In("unfinished", RunDirectory.MarkerFile), "");
        var image = Image();
        foreach (var (folder, says) in new[]
                 {
                     (In("empty"), "neither a model folder nor a run folder"),
                     (In("unfinished"), "a run with no finished training"),
                     (In("missing"), "not found"),
                 })
        {
            var before = Directory.Exists(Root) ? Listing(Root) : [];
            var result = CliHarness.Run("predict", "--model", folder, "--threads", "1", image);
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.ErrLines);
            Assert.StartsWith($"error: {folder}: ", line);
            Assert.Contains(says, line);
            Assert.Equal("", result.Out);
            Assert.Equal(before, Listing(Root));
        }
        var empty = CliHarness.Run("predict", "--model", In("empty"), image);
        Assert.Contains($"no {ModelExport.InfoFile} here or in model/ or train/model/", empty.Err);
    }
}
