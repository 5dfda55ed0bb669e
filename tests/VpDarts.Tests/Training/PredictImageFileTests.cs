using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using VpDarts.Export;
using VpDarts.Models;
using VpDarts.SearchSpace;
using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using Xunit;
using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>
/// Only regular files are read as images or model files: a named pipe would block the read until some writer
/// appears, so it, a folder or a device is one error line naming it, found without opening it.
/// </summary>
public sealed class PredictImageFileTests
{
    private const string Best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    private static string Exported(TempDir dir)
    {
        set_num_threads(1);
        using var net = new DiscreteNetwork(Genotype.Parse(Best), new NetworkShape(4, 1, 3, 10));
        ModelExport.Save(dir.In("model"), net, new ModelInput(32, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f],
            Enumerable.Range(0, 10).Select(c => $"class{c}").ToArray(), "test"));
        return dir.In("model");
    }

    private static string Image(TempDir dir)
    {
        using var image = new Image<Rgb24>(32, 32);
        image.SaveAsPng(dir.In("image.png"));
        return dir.In("image.png");
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>
    /// Runs <paramref name="action"/> with a hang guard. A reader blocked in opening <paramref name="fifo"/> is released
    /// by opening it for writing once, so that a failing run does not leave a thread blocked for good.
    /// </summary>
    private static T WithoutHanging<T>(string fifo, Func<T> action)
    {
        var task = Task.Run(action);
        if (!task.Wait(TimeSpan.FromMinutes(2)))
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail($"reading {fifo} blocked: a named pipe was opened");
        }
        return task.Result;
    }

    [Fact]
    public void ANamedPipeAsAnImageIsOneLineNamingItAndIsNotOpened()
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var fifo = dir.In("camera.png");
        MakeFifo(fifo);
        using var loaded = ModelExport.Load(model);

        var e = WithoutHanging(fifo, () => Record.Exception(() => Predictor.Classify(loaded, [Image(dir), fifo])));
        Assert.Equal($"{fifo}: not a regular file (a named pipe); only regular files are read", Assert.IsType<UserInputException>(e).Message);

        var cli = WithoutHanging(fifo, () => CliHarness.Run("predict", "--model", model, "--threads", "1", Image(dir), fifo));
        Assert.Equal(2, cli.ExitCode);
        Assert.Equal($"error: {fifo}: not a regular file (a named pipe); only regular files are read", Assert.Single(cli.ErrLines));
        Assert.Equal("", cli.Out);
    }

    [Fact]
    public void ANamedPipeAsModelJsonIsOneLineNamingIt()
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var info = Path.Combine(model, "model.json");
        File.Delete(info);
        MakeFifo(info);
        var e = WithoutHanging(info, () => Record.Exception(() => ModelExport.Load(model)));
        Assert.Equal($"{info}: not a regular file (a named pipe); only regular files are read", Assert.IsType<UserInputException>(e).Message);
    }

    [Fact]
    public void AFolderOrADeviceAsAnImageIsOneLineNamingIt()
    {
        using var dir = new TempDir();
        using var loaded = ModelExport.Load(Exported(dir));
        Directory.CreateDirectory(dir.In("folder.png"));
        var folder = Assert.Throws<UserInputException>(() => Predictor.Classify(loaded, [dir.In("folder.png")]));
        Assert.Equal($"{dir.In("folder.png")}: not a regular file (a folder); only regular files are read", folder.Message);
        var device = Assert.Throws<UserInputException>(() => Predictor.Classify(loaded, ["/dev/zero"]));
        Assert.Equal("/dev/zero: not a regular file (a character device); only regular files are read", device.Message);
    }

    [Fact]
    public void ASymbolicLinkToAnImageIsRead()
    {
        using var dir = new TempDir();
        using var loaded = ModelExport.Load(Exported(dir));
        File.CreateSymbolicLink(dir.In("link.png"), Image(dir));
        var prediction = Assert.Single(Predictor.Classify(loaded, [dir.In("link.png")]));
        Assert.Equal(dir.In("link.png"), prediction.File);
        Assert.InRange(prediction.ClassIndex, 0, 9);
    }
}
