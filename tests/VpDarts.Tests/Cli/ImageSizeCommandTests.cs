using System.Text.Json.Nodes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using VpDarts.Tests.Data;

namespace VpDarts.Tests.Cli;

/// <summary><c>--image-size</c> through the command line: a mixed-size folder trains, the model records the size, and predict applies it.</summary>
public sealed class ImageSizeCommandTests
{
    private static void Png(string path, int width, int height, byte red)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgb24>(width, height, new Rgb24(red, 40, (byte)(255 - red)));
        image.SaveAsPng(path);
    }

    [Fact]
    public void Train_on_mixed_sizes_records_the_size_and_predict_applies_it()
    {
        using var dir = new TempDir();
        Png(dir.In("pets", "train", "cat", "0.png"), 20, 14, 10);
        Png(dir.In("pets", "train", "cat", "1.png"), 12, 12, 30);
        Png(dir.In("pets", "train", "dog", "0.png"), 15, 31, 220);
        Png(dir.In("pets", "train", "dog", "1.png"), 40, 24, 240);
        Png(dir.In("pets", "test", "cat", "0.png"), 17, 13, 20);
        Png(dir.In("pets", "test", "dog", "0.png"), 13, 17, 230);
        string[] common = ["--arch", CliHarness.AllSkip, "--dataset", "folder:" + dir.In("pets"), "--data-dir", dir.In("data"),
            "--layers", "1", "--channels", "4", "--epochs", "1", "--batch-size", "4", "--eval-batch-size", "4", "--threads", "1"];

        var refused = CliHarness.Run(["train", .. common, "--out", dir.In("refused")]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--image-size", Assert.Single(refused.ErrLines));
        Assert.False(Directory.Exists(dir.In("refused")));

        CliHarness.Succeeds(["train", .. common, "--image-size", "12", "--out", dir.In("run")]);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.In("run"), "config.json")))!;
        Assert.Equal(12, config["image_size"]!.GetValue<int>());
        var info = ModelExport.ReadInfo(dir.In("run", "model"));
        Assert.Equal((12, 12), (info.InputSize, info.ImageSize));

        var predicted = CliHarness.Succeeds("predict", "--model", dir.In("run", "model"), "--threads", "1", dir.In("pets", "train", "dog", "1.png"));
        Assert.StartsWith(dir.In("pets", "train", "dog", "1.png") + "\t", Assert.Single(predicted.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var badSize = CliHarness.Run("search", "--preset", "tiny", "--dataset", "folder:" + dir.In("pets"), "--image-size", "2", "--out", dir.In("search"));
        Assert.Equal(2, badSize.ExitCode);
        Assert.Contains("--image-size", Assert.Single(badSize.ErrLines));
    }
}
