namespace VpDarts.Tests.Data;

/// <summary>Named pipes where data files are expected are reported by name and never opened (opening one blocks).</summary>
public class NonRegularFileTests
{
    /// <summary>Asserts that <paramref name="load"/> fails at once with a user error naming <paramref name="pipe"/> as a named pipe.</summary>
    private static UserInputException RefusesThePipe(string pipe, Func<object> load)
    {
        var e = HangGuard.Throws<UserInputException>(() => load());
        Assert.StartsWith(pipe + ":", e.Message);
        Assert.Contains("named pipe", e.Message);
        return e;
    }

    [Fact]
    public void Named_pipe_among_the_images_of_a_class_folder_is_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(dir.In("pets", "train", "cat")).FullName, "0.png"), ArchiveBuilder.Png(4, 1));
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(dir.In("pets", "train", "dog")).FullName, "0.png"), ArchiveBuilder.Png(4, 2));
        var pipe = UnixNode.Fifo(dir.In("pets", "train", "dog", "1.png"));

        var e = RefusesThePipe(pipe, () => DatasetCatalog.Load("folder:" + dir.In("pets"), "train",
            new DataOptions { CacheDirectory = dir.In("cache") }));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Named_pipe_given_as_a_dataset_archive_is_reported()
    {
        using var dir = new TempDir();
        var pipe = UnixNode.Fifo(dir.In("pets.tar.gz"));
        RefusesThePipe(pipe, () => DatasetCatalog.Load("folder:" + pipe, "train",
            new DataOptions { CacheDirectory = dir.In("cache") }));
        Assert.Equal([], dir.Files("cache"));
    }

    [Fact]
    public void Named_pipe_as_an_imagenet16_file_is_reported()
    {
        using var dir = new TempDir();
        var pipe = UnixNode.Fifo(dir.In("val_data"));
        RefusesThePipe(pipe, () => ImageNet16Reader.Load(dir.Path, "test", 120, dir.In("cache")));
    }

    [Fact]
    public void Named_pipe_as_an_idx_file_is_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.In("t10k-labels-idx1-ubyte"), Writers.IdxLabels([1, 2], gzip: false));
        var pipe = UnixNode.Fifo(dir.In("t10k-images-idx3-ubyte"));
        RefusesThePipe(pipe, () => IdxReader.Load(pipe, dir.In("t10k-labels-idx1-ubyte"), "idx", ["a", "b", "c"]));
    }
}
