using VpDarts.Tests.Cli;
using VpDarts.Tests.Data;
using static VpDarts.Tests.Training.ExportedModels;

namespace VpDarts.Tests.Training;

/// <summary>
/// Only regular files are read as images or model files: a named pipe would block the read until some writer
/// appears, so it, a folder or a device is one error line naming it, found without opening it.
/// </summary>
public sealed class PredictImageFileTests
{
    [Fact]
    public void ANamedPipeAsAnImageIsOneLineNamingItAndIsNotOpened()
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var fifo = dir.In("camera.png");
        UnixNode.Fifo(fifo);
        using var loaded = ModelExport.Load(model);

        var e = HangGuard.Run(fifo, () => Record.Exception(() => Predictor.Classify(loaded, [Image(dir), fifo])));
        Assert.Equal($"{fifo}: not a regular file (a named pipe); only regular files are read", Assert.IsType<UserInputException>(e).Message);

        var cli = HangGuard.Run(fifo, () => CliHarness.Run("predict", "--model", model, "--threads", "1", Image(dir), fifo));
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
        UnixNode.Fifo(info);
        var e = HangGuard.Run(info, () => Record.Exception(() => ModelExport.Load(model)));
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

    [Fact]
    public void NamesWithALineBreakOrAnEscapeArePrintedEscapedOneLinePerImage()
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var broken = dir.In("a\nb.png");
        var coloured = dir.In("e\u001b[31mx.png");
        File.Copy(Image(dir), broken);
        File.Copy(Image(dir), coloured);

        var cli = CliHarness.Run("predict", "--model", model, "--threads", "1", broken, coloured);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.DoesNotContain('\u001b', cli.Out);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(dir.In("a\\nb.png") + "\t", lines[0]);
        Assert.StartsWith(dir.In("e\\u001b[31mx.png") + "\t", lines[1]);
        Assert.All(lines, l => Assert.Equal(4, l.Split('\t').Length));
    }
}
