using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace VpDarts.Tests.Data;

public class ImageFolderTests(ITestOutputHelper output)
{
    /// <summary>Writes a PNG whose pixels are all (r, g, b).</summary>
    private static void Png(string path, int size, byte r, byte g, byte b)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgb24>(size, size, new Rgb24(r, g, b));
        image.SaveAsPng(path);
    }

    [Fact]
    public void Cifar10_jpeg_tree_decodes_then_loads_from_the_cache()
    {
        var root = CifarJpeg.Root;
        using var cache = new TempDir();

        var watch = Stopwatch.StartNew();
        using (var train = ImageFolderReader.Load(root, "train", cache.Path, 0, out var trainCached))
        {
            var decode = watch.Elapsed;
            Assert.False(trainCached);
            Assert.Equal([50000L, 3, 32, 32], train.Images.shape);
            Assert.Equal(10, train.ClassCount);
            Assert.All(train.ClassCounts(), c => Assert.Equal(5000, c));
            Assert.Equal(train.ClassNames.Order(StringComparer.Ordinal), train.ClassNames);

            // the first image of class 3 is row 15000 and matches a direct decode of its file
            var classDir = Path.Combine(root, "train", train.ClassNames[3]);
            var first = Directory.GetFiles(classDir).Order(StringComparer.Ordinal).First();
            using var image = Image.Load<Rgb24>(first);
            using var row = train.Images[15000];
            Assert.Equal([3L, 32, 32], row.shape);
            var bytes = row.bytes.ToArray();
            Assert.Equal(image[5, 7].R, bytes[0 * 1024 + 7 * 32 + 5]);
            Assert.Equal(image[5, 7].G, bytes[1 * 1024 + 7 * 32 + 5]);
            Assert.Equal(image[31, 30].B, bytes[2 * 1024 + 30 * 32 + 31]);
            Assert.Equal(3, train.Mean.Length);
            Assert.InRange(train.Mean[0], 0.47f, 0.51f); // close to CIFAR-10's published 0.4914 (JPEG changes it a little)

            watch.Restart();
            using var again = ImageFolderReader.Load(root, "train", cache.Path, 0, out var againCached);
            var reload = watch.Elapsed;  // reported, not asserted: docs/DATA.md has the measured speeds
            Assert.True(againCached);
            Assert.True(again.Images.eq(train.Images).all().item<bool>());
            Assert.True(again.Labels.eq(train.Labels).all().item<bool>());
            Assert.Equal(train.Mean, again.Mean);
            output.WriteLine($"CIFAR-10-JPEG train: decode {decode.TotalSeconds:F2} s, cache load {reload.TotalSeconds:F3} s");
        }

        watch.Restart();
        using var test = ImageFolderReader.Load(root, "test", cache.Path, 0, out var testCached);
        output.WriteLine($"CIFAR-10-JPEG test: decode {watch.Elapsed.TotalSeconds:F2} s");
        Assert.False(testCached);
        Assert.Equal(10000, test.Count);
        Assert.All(test.ClassCounts(), c => Assert.Equal(1000, c));
        var trainStats = ImageFolderReader.Load(root, "train", cache.Path, 0, out _);
        Assert.Equal(trainStats.Mean, test.Mean); // the test split is normalised with the training statistics
        trainStats.Dispose();
    }

    [Fact]
    public void Classes_and_files_are_sorted_ordinally_and_labelled_by_class()
    {
        using var dir = new TempDir();
        Png(dir.In("train", "b", "2.png"), 8, 20, 0, 0);
        Png(dir.In("train", "b", "10.png"), 8, 10, 0, 0);
        Png(dir.In("train", "B", "x.PNG"), 8, 30, 0, 0);
        Png(dir.In("train", "a", "z.png"), 8, 40, 1, 2);
        File.WriteAllText(dir.In("train", "a", "notes.txt"), "not an image");
        using var ds = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"));
        Assert.Equal(["B", "a", "b"], ds.ClassNames);
        Assert.Equal([0L, 1, 2, 2], ds.LabelArray);
        using var red = ds.Images.select(1, 0).select(1, 0).select(1, 0);
        Assert.Equal([30, 40, 10, 20], red.data<byte>().ToArray());
        using var green = ds.Images[1, 1, 3, 3];
        Assert.Equal(1, green.item<byte>());
        Assert.Equal("folder:" + dir.Path, ds.Name);
    }

    [Fact]
    public void Corrupt_jpeg_is_reported_and_no_cache_is_written()
    {
        using var dir = new TempDir();
        for (var i = 0; i < 6; i++) Png(dir.In("train", "cat", $"{i}.png"), 8, 1, 2, 3);
        var jpeg = dir.In("train", "dog", "broken.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(jpeg)!);
        File.WriteAllBytes(jpeg, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. Writers.Pixels(1, 64)]);
        var e = dir.LoadFails();
        Assert.Contains("broken.jpg", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Empty_class_folder_and_mixed_sizes_are_reported()
    {
        using var dir = new TempDir();
        Png(dir.In("train", "a", "1.png"), 8, 1, 1, 1);
        Directory.CreateDirectory(dir.In("train", "empty"));
        File.WriteAllText(dir.In("train", "empty", "readme.md"), "no images here");
        var e = dir.LoadFails();
        Assert.Contains(Path.Combine("train", "empty"), e.Message);

        Directory.Delete(dir.In("train", "empty"), true);
        Png(dir.In("train", "b", "odd.png"), 9, 1, 1, 1);
        e = dir.LoadFails();
        Assert.Contains("odd.png", e.Message);
        Assert.Contains("9x9", e.Message);

        e = dir.LoadFails("valid");
        Assert.Contains("valid", e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Changing_a_file_invalidates_the_cache()
    {
        using var dir = new TempDir();
        Png(dir.In("train", "a", "1.png"), 4, 1, 1, 1);
        Png(dir.In("train", "b", "1.png"), 4, 2, 2, 2);
        using (var _ = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, out var cached)) Assert.False(cached);
        using (var _ = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, out var cached)) Assert.True(cached);
        Png(dir.In("train", "b", "1.png"), 4, 9, 9, 9);
        File.SetLastWriteTimeUtc(dir.In("train", "b", "1.png"), DateTime.UtcNow.AddMinutes(1));
        using var changed = ImageFolderReader.Load(dir.Path, "train", dir.In("cache"), 1, out var stale);
        Assert.False(stale);
        using var pixel = changed.Images[1, 0, 0, 0];
        Assert.Equal(9, pixel.item<byte>());
        // the cache lives under the cache folder, not in the (possibly read-only) dataset folder
        Assert.DoesNotContain(dir.Entries("train"), n => n.EndsWith(".bin", StringComparison.Ordinal));
        Assert.StartsWith(dir.In("cache"), ImageFolderReader.CachePath(dir.In("train"), dir.In("cache")));
    }
}
