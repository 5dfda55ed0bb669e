using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using VpDarts.Tests.Data;
using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>Small exported model folders (N=1, 10 classes, 32×32 RGB) and an image to predict, for tests of loading and predicting.</summary>
internal static class ExportedModels
{
    public const string Best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    /// <summary>Exports a freshly initialised network of <paramref name="channels"/> channels (changed first by <paramref name="change"/>) to <c>dir/name</c>.</summary>
    public static string Exported(TempDir dir, string name = "model", int channels = 4, Action<DiscreteNetwork>? change = null)
    {
        set_num_threads(1);
        using var net = new DiscreteNetwork(Genotype.Parse(Best), new NetworkShape(channels, 1, 3, 10));
        change?.Invoke(net);
        ModelExport.Save(dir.In(name), net, new ModelInput(32, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f],
            Enumerable.Range(0, 10).Select(c => $"class{c}").ToArray(), "test"));
        return dir.In(name);
    }

    /// <summary>A black 32×32 PNG in <paramref name="dir"/>.</summary>
    public static string Image(TempDir dir)
    {
        using var image = new Image<Rgb24>(32, 32);
        image.SaveAsPng(dir.In("image.png"));
        return dir.In("image.png");
    }
}
