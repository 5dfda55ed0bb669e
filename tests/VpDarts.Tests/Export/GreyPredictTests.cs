using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using VpDarts.Tests.Training;
using static TorchSharp.torch;

namespace VpDarts.Tests.Export;

/// <summary>
/// A one-channel model gets colour images in grey as PIL's <c>convert("L")</c> (and so torchvision's
/// <c>Grayscale</c>) makes them: ITU-R 601-2 luma in PIL's 16-bit fixed point, not ImageSharp's BT.709.
/// </summary>
public sealed class GreyPredictTests() : TempFolderTests("vpdarts-grey-")
{
    /// <summary>PIL's <c>L24(rgb) &gt;&gt; 16</c> (libImaging/Convert.c), written out here independently.</summary>
    private static int Pil(int r, int g, int b) => (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;

    private ModelInfo GreyModel()
    {
        set_num_threads(1);
        using var net = new DiscreteNetwork(Genotype.Parse(ExportedModels.Best), new NetworkShape(4, 1, 1, 10));
        return ModelExport.Save(In("model"), net, new ModelInput(4, [0f], [1f],
            Enumerable.Range(0, 10).Select(c => $"class{c}").ToArray(), "test"));
    }

    [Theory]
    [InlineData(255, 0, 0, 76)]    // 0.299 · 255 = 76.245 (BT.709: 54)
    [InlineData(0, 255, 0, 150)]   // 0.587 · 255 = 149.685 (BT.709: 182)
    [InlineData(0, 0, 255, 29)]    // 0.114 · 255 = 29.07 (BT.709: 18)
    [InlineData(255, 255, 255, 255)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(10, 200, 30, 124)] // 2.99 + 117.4 + 3.42 = 123.81 (BT.709: 147)
    public void PureColoursGetTheBt601GreyPilGives(byte r, byte g, byte b, int expected)
    {
        Assert.Equal(Pil(r, g, b), expected);
        Assert.Equal(expected, GreyConversion.Luma(r, g, b));
        Assert.Equal((int)Math.Round(0.299 * r + 0.587 * g + 0.114 * b), GreyConversion.Luma(r, g, b));
    }

    [Fact]
    public void EveryGreyLevelKeepsItsValue()
    {
        for (var v = 0; v < 256; v++) Assert.Equal(v, GreyConversion.Luma((byte)v, (byte)v, (byte)v));
    }

    [Fact]
    public void PredictFeedsAOneChannelModelTheGreyPilComputesFromAColourImage()
    {
        var info = GreyModel();
        var colours = new Rgb24[16];
        var random = new Random(7);
        for (var i = 0; i < colours.Length; i++)
            colours[i] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        colours[0] = new Rgb24(255, 0, 0);
        using (var image = new Image<Rgb24>(4, 4))
        {
            for (var i = 0; i < colours.Length; i++) image[i % 4, i / 4] = colours[i];
            image.SaveAsPng(In("colour.png"));
        }
        // The same picture as PIL's convert("L") gives it, saved as an 8-bit grey PNG.
        using (var grey = new Image<L8>(4, 4))
        {
            for (var i = 0; i < colours.Length; i++)
                grey[i % 4, i / 4] = new L8((byte)Pil(colours[i].R, colours[i].G, colours[i].B));
            grey.SaveAsPng(In("grey.png"));
        }
        var fromColour = Predictor.Preprocess(In("colour.png"), info);
        Assert.Equal(Predictor.Preprocess(In("grey.png"), info), fromColour);
        // mean 0, std 1: the network sees pixel / 255; pure red is 76 / 255, as PIL rounds 0.299 · 255
        Assert.Equal(76, (int)MathF.Round(fromColour[0] * 255));
        for (var i = 0; i < colours.Length; i++)
            Assert.Equal(Pil(colours[i].R, colours[i].G, colours[i].B), (int)MathF.Round(fromColour[i] * 255));
    }

    [Fact]
    public void AColourImageOfAnotherSizeIsMadeGreyBeforeItIsResized()
    {
        var info = GreyModel();
        var random = new Random(11);
        using (var image = new Image<Rgb24>(12, 8))
        using (var grey = new Image<L8>(12, 8))
        {
            for (var y = 0; y < 8; y++)
                for (var x = 0; x < 12; x++)
                {
                    var c = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                    image[x, y] = c;
                    grey[x, y] = new L8((byte)Pil(c.R, c.G, c.B));
                }
            image.SaveAsPng(In("colour.png"));
            grey.SaveAsPng(In("grey.png"));
        }
        Assert.Equal(Predictor.Preprocess(In("grey.png"), info), Predictor.Preprocess(In("colour.png"), info));
    }
}
