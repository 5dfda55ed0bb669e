using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Tests.Data;

/// <summary>
/// <c>--image-size N</c>: torchvision's Resize(N) + CenterCrop(N) on image folders of mixed sizes, one cache per size,
/// and the same transform at prediction time.
/// </summary>
public class ImageSizeTests
{
    /// <summary>An image whose red value is its column and green value its row (so crops can be located).</summary>
    private static Image<Rgb24> Ramp(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++) image[x, y] = new Rgb24((byte)x, (byte)y, 7);
        return image;
    }

    private static void Save(Image image, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        image.SaveAsPng(path);
    }

    /// <summary>train/{a,b} and test/{a,b} with images of four different sizes, one of them grey and one with alpha.</summary>
    private static void MixedFolder(TempDir dir)
    {
        using (var ramp = Ramp(48, 32)) Save(ramp, dir.In("train", "a", "0.png"));
        using (var ramp = Ramp(20, 40)) Save(ramp, dir.In("train", "a", "1.png"));
        using (var grey = new Image<L8>(24, 24, new L8(90))) Save(grey, dir.In("train", "b", "0.png"));
        using (var alpha = new Image<Rgba32>(16, 16, new Rgba32(10, 20, 30, 40))) Save(alpha, dir.In("train", "b", "1.png"));
        using (var ramp = Ramp(30, 17)) Save(ramp, dir.In("test", "a", "0.png"));
        using (var grey = new Image<L8>(9, 12, new L8(200))) Save(grey, dir.In("test", "b", "0.png"));
    }

    [Theory]
    [InlineData(48, 32, 16, 24, 16)]    // the shorter side becomes 16, the longer int(16 * 48 / 32)
    [InlineData(33, 100, 10, 10, 30)]   // int(10 * 100 / 33) = int(30.3)
    [InlineData(16, 16, 16, 16, 16)]
    [InlineData(8, 12, 32, 32, 48)]     // enlarging follows the same rule
    public void Resized_size_follows_torchvision(int width, int height, int size, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), new ImageTransform(size).ResizedSize(width, height));

    [Theory]
    [InlineData(24, 4)]  // (24 - 16) / 2
    [InlineData(17, 0)]  // round(0.5) = 0: ties to even, as Python's round
    [InlineData(19, 2)]  // round(1.5) = 2
    public void Centre_crop_offset_rounds_as_torchvision(int width, int left)
    {
        using var image = Ramp(width, 16);  // height is already the size, so only the crop acts
        new ImageTransform(16).Apply(image, "ramp");
        Assert.Equal((16, 16), (image.Width, image.Height));
        Assert.Equal(left, image[0, 0].R);
        Assert.Equal(left + 15, image[15, 0].R);
    }

    [Fact]
    public void Mixed_sizes_load_with_an_image_size_and_fail_with_a_hint_without_one()
    {
        using var dir = new TempDir();
        MixedFolder(dir);

        var e = dir.LoadFails();
        Assert.Contains("--image-size", e.Message);
        Assert.Contains(dir.In("train", "a"), e.Message);
        Assert.DoesNotContain('\n', e.Message);

        using var train = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, 16, out var cached);
        Assert.False(cached);
        Assert.Equal([4L, 3, 16, 16], train.Images.shape);
        var bytes = train.Images.bytes.ToArray();
        const int image = 3 * 256;
        // the 48x32 ramp is halved to 24x16 and its centre kept: red rises along the row, green down the column
        Assert.True(bytes[15] > bytes[0] + 20, "red ramp across the crop");
        Assert.True(bytes[256 + 15 * 16] > bytes[256] + 20, "green ramp down the crop");
        // a grey image becomes three equal channels, and alpha is dropped (as PIL's convert("RGB"))
        Assert.All(new[] { 0, 256, 512 }, c => Assert.Equal(90, bytes[2 * image + c + 37]));
        Assert.Equal([10, 20, 30], new[] { bytes[3 * image + 5], bytes[3 * image + 256 + 5], bytes[3 * image + 512 + 5] });

        using (var again = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, 16, out var reloaded))
        {
            Assert.True(reloaded);
            Assert.Equal(bytes, again.Images.bytes.ToArray());
        }
        using var smaller = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, 8, out var otherSize);
        Assert.False(otherSize);  // each size has its own cache
        Assert.Equal([4L, 3, 8, 8], smaller.Images.shape);
        using var test = ImageFolderReader.Load(dir.Path, "test", dir.In("cache"), 1, 8, out _);
        Assert.Equal(smaller.Mean, test.Mean);  // the test split is normalised with the training statistics
    }

    [Fact]
    public void Predict_brings_an_image_to_the_input_size_exactly_as_the_folder_reader_does()
    {
        using var dir = new TempDir();
        MixedFolder(dir);
        using var train = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, 16, out _);
        var info = new ModelInfo { InputChannels = 3, InputSize = 16, ImageSize = 16, Mean = [0, 0, 0], Std = [1, 1, 1] };
        var predicted = Predictor.Preprocess(dir.In("train", "a", "0.png"), info);
        var read = train.Images.bytes.ToArray()[..(3 * 16 * 16)];
        Assert.Equal(read, predicted.Select(v => (byte)Math.Round(v * 255)).ToArray());
    }

    [Fact]
    public void An_image_size_out_of_range_or_on_another_dataset_is_one_line_naming_the_option()
    {
        using var dir = new TempDir();
        MixedFolder(dir);
        var tooSmall = Assert.Throws<UserInputException>(() => ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, 2, out _));
        Assert.StartsWith("--image-size:", tooSmall.Message);
        var other = Assert.Throws<UserInputException>(() => DatasetCatalog.Load("demo", "train", new DataOptions { ImageSize = 16 }));
        Assert.StartsWith("--image-size:", other.Message);
        Assert.Throws<UserInputException>(() => new SearchConfig { ImageSize = 2000 }.Validate());
    }
}
