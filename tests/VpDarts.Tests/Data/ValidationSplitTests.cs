using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Tests.Data;

/// <summary>An image folder's <c>val/</c> split is search-valid; without it the search splits train/ as before.</summary>
public class ValidationSplitTests
{
    private static void Png(string path, byte grey)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgb24>(8, 8, new Rgb24(grey, (byte)(255 - grey), 60));
        image.SaveAsPng(path);
    }

    /// <summary>train/ with four images per class, test/ with one, and (optionally) val/ with <paramref name="valPerClass"/>.</summary>
    private static string Folder(TempDir dir, int valPerClass, string[]? valClasses = null)
    {
        foreach (var c in new[] { "cat", "dog" })
        {
            for (var i = 0; i < 4; i++) Png(dir.In("data", "train", c, $"{i}.png"), (byte)(10 * i + (c == "dog" ? 100 : 0)));
            Png(dir.In("data", "test", c, "0.png"), 50);
        }
        foreach (var c in valClasses ?? ["cat", "dog"])
            for (var i = 0; i < valPerClass; i++) Png(dir.In("data", "val", c, $"{i}.png"), (byte)(200 + i));
        return "folder:" + dir.In("data");
    }

    private static DataOptions Options(TempDir dir) => new() { DataDirectory = dir.In("d"), CacheDirectory = dir.In("cache"), DecodeThreads = 1 };

    [Fact]
    public void Val_folder_is_search_valid_and_train_is_search_train_whole()
    {
        using var dir = new TempDir();
        var spec = Folder(dir, valPerClass: 3);
        using var data = DatasetSearchData.Load(spec, Options(dir), seed: 1, trainLimit: null, validLimit: null);
        Assert.Equal(8, data.TrainCount);
        Assert.Equal(6, data.ValidCount);
        Assert.All(data.ValidIndices, r => Assert.InRange(r, 8, 13));  // rows after the training split's
        long[] labels;
        using (var scope = TorchSharp.torch.NewDisposeScope())
            labels = data.FullValid(16).SelectMany(b => b.Labels.data<long>().ToArray()).Order().ToArray();
        Assert.Equal([0L, 0, 0, 1, 1, 1], labels);

        using var limited = DatasetSearchData.Load(spec, Options(dir), seed: 1, trainLimit: 4, validLimit: 2);
        Assert.Equal((4, 2), (limited.TrainCount, limited.ValidCount));

        var e = Assert.Throws<UserInputException>(() => DatasetSearchData.Load(spec, Options(dir), 1, null, null, fixedSplit: true));
        Assert.Contains("val/", e.Message);
    }

    [Fact]
    public void Without_val_the_search_splits_train_into_halves_as_before()
    {
        using var dir = new TempDir();
        var spec = Folder(dir, valPerClass: 0, valClasses: []);
        using var data = DatasetSearchData.Load(spec, Options(dir), seed: 3, trainLimit: null, validLimit: null);
        using var train = DatasetCatalog.Load(spec, "train", Options(dir));
        var (searchTrain, searchValid) = SearchSplit.Create(train.LabelArray, train.ClassCount, 3);
        Assert.Equal(searchTrain, data.TrainIndices);
        Assert.Equal(searchValid, data.ValidIndices);
        Assert.Null(DatasetCatalog.LoadValidation(spec, Options(dir)));
    }

    [Theory]
    [InlineData(new[] { "cat", "cow" }, "dog")]
    [InlineData(new[] { "cat" }, "dog")]
    [InlineData(new[] { "cat", "cow", "dog" }, "cow")]
    public void Class_folders_that_differ_from_train_are_one_line_naming_the_folder(string[] classes, string named)
    {
        using var dir = new TempDir();
        var spec = Folder(dir, valPerClass: 1, valClasses: classes);
        var e = Assert.Throws<UserInputException>(() => DatasetSearchData.Load(spec, Options(dir), 0, null, null));
        Assert.StartsWith(dir.In("data", "val", named) + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        Directory.Delete(dir.In("data", "test", "dog"), true);
        var test = Assert.Throws<UserInputException>(() => DatasetCatalog.Load(spec, "test", Options(dir)));
        Assert.StartsWith(dir.In("data", "test", "dog") + ":", test.Message);
    }
}
