namespace VpDarts.Tests.Data;

/// <summary>Image files that lie about their size or are cut short are reported by name, before any large allocation.</summary>
public class HostileImageTests
{
    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    [Theory]
    [InlineData("a")]   // the first image, whose size sets the dataset's
    [InlineData("b")]   // a later one
    public void Png_declaring_a_huge_size_is_refused_before_it_is_decoded(string classOfTheBomb)
    {
        using var dir = new TempDir();
        var bomb = PngBytes.Declaring(PngBytes.Noise(2, 1), 20_000, 20_000);
        Assert.InRange(bomb.Length, 0, 300);
        Write(dir.In("train", "a", "0.png"), classOfTheBomb == "a" ? bomb : PngBytes.Noise(8, 2));
        Write(dir.In("train", "b", "0.png"), classOfTheBomb == "b" ? bomb : PngBytes.Noise(8, 3));

        var e = dir.LoadFails(threads: 1);
        Assert.StartsWith(dir.In("train", classOfTheBomb, "0.png") + ":", e.Message);
        Assert.Contains("20000x20000", e.Message);
        Assert.Contains($"{ImageFolderReader.MaxImageSide} pixels", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Png_larger_than_the_side_limit_is_refused_with_the_limit_named()
    {
        using var dir = new TempDir();
        Write(dir.In("train", "a", "0.png"), PngBytes.Declaring(PngBytes.Noise(2, 1), ImageFolderReader.MaxImageSide + 1, ImageFolderReader.MaxImageSide + 1));
        var e = dir.LoadFails(threads: 1);
        Assert.Contains($"{ImageFolderReader.MaxImageSide} pixels", e.Message);
    }

    [Fact]
    public void Png_cut_inside_its_image_data_is_reported()
    {
        using var dir = new TempDir();
        var png = PngBytes.WithSmallDataChunks(PngBytes.Noise(48, 4), 1024);
        Write(dir.In("train", "a", "0.png"), PngBytes.Noise(48, 5));
        Write(dir.In("train", "a", "1.png"), png[..(png.Length * 7 / 10)]);

        var e = dir.LoadFails(threads: 1);
        Assert.StartsWith(dir.In("train", "a", "1.png") + ":", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Jpeg_cut_inside_its_image_data_is_reported()
    {
        using var dir = new TempDir();
        using var noise = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(PngBytes.Noise(48, 7));
        using var buffer = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(noise, buffer);
        var jpeg = buffer.ToArray();
        Write(dir.In("train", "a", "0.jpg"), jpeg);
        Write(dir.In("train", "a", "1.jpg"), jpeg[..(jpeg.Length * 7 / 10)]);

        var e = dir.LoadFails(threads: 1);
        Assert.StartsWith(dir.In("train", "a", "1.jpg") + ":", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Complete_png_with_bytes_after_its_end_is_read()
    {
        using var dir = new TempDir();
        var png = PngBytes.WithSmallDataChunks(PngBytes.Noise(16, 6), 100);
        Write(dir.In("train", "a", "0.png"), [.. png, .. "trailing bytes"u8]);
        using var dataset = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1);
        Assert.Equal([1L, 3, 16, 16], dataset.Images.shape);
    }
}
