using System.Collections;
using System.Text;
using Razorvine.Pickle;

namespace VpDarts.Tests.Data;

public class ImageNet16Tests
{
    private static string Fixtures => Path.Combine(Shared.RepoRoot, "tests", "VpDarts.Tests", "Data", "Fixtures", "ImageNet16");

    /// <summary>Pixel j of image i in the fixtures: (31·i + j) mod 256.</summary>
    private static byte[] Expected(int i) => Enumerable.Range(0, 768).Select(j => (byte)((31 * i + j) % 256)).ToArray();

    private static byte[] Images(int n) => Enumerable.Range(0, n).SelectMany(Expected).ToArray();

    /// <summary>A pickle as Python 2 writes a dict of a uint8 NumPy array (raw data as a byte string) and a label list.</summary>
    internal static byte[] Python2NumpyPickle(byte[] data, int rows, int[] labels)
    {
        var s = new MemoryStream();
        void Op(params byte[] b) => s.Write(b);
        void Text(string t) => s.Write(Encoding.ASCII.GetBytes(t));
        void Str(string t) { Op((byte)'U', (byte)t.Length); Text(t); }
        void Int(int v) { Op((byte)'J'); s.Write(BitConverter.GetBytes(v)); }

        Op(0x80, 2, (byte)'}', (byte)'(');
        Str("data");
        Text("cnumpy.core.multiarray\n_reconstruct\n");
        Text("cnumpy\nndarray\n");
        Op((byte)'K', 0, 0x85);
        Str("b");
        Op(0x87, (byte)'R', (byte)'(', (byte)'K', 1);
        Int(rows); Int(768); Op(0x86);
        Text("cnumpy\ndtype\n");
        Str("u1"); Op((byte)'K', 0, (byte)'K', 1, 0x87, (byte)'R');
        Op((byte)'(', (byte)'K', 3); Str("|"); Op((byte)'N', (byte)'N', (byte)'N'); Int(-1); Int(-1); Op((byte)'K', 0, (byte)'t', (byte)'b');
        Op(0x89, (byte)'T');
        s.Write(BitConverter.GetBytes(data.Length));
        s.Write(data);
        Op((byte)'t', (byte)'b');
        Str("labels");
        Op((byte)']', (byte)'(');
        foreach (var l in labels) Int(l);
        Op((byte)'e', (byte)'u', (byte)'.');
        return s.ToArray();
    }

    private static byte[] RazorvinePickle(byte[] data, int[] labels)
    {
        var dict = new Hashtable { ["data"] = data, ["labels"] = new ArrayList(labels) };
        using var pickler = new Pickler();
        return pickler.dumps(dict);
    }

    [Fact]
    public void Reads_numpy_pickles_written_by_python_and_keeps_the_first_120_classes()
    {
        using var train = ImageNet16Reader.Load(Fixtures, "train");
        // labels [1, 121, 5, 120, 1000, 2]: 121 and 1000 are dropped, the rest shifted to 0-based
        Assert.Equal([0L, 4, 119, 1], train.LabelArray);
        Assert.Equal([4L, 3, 16, 16], train.Images.shape);
        Assert.Equal(120, train.ClassCount);
        Assert.Equal("imagenet16-120", train.Name);
        Assert.Equal(DatasetStatistics.ImageNet16Mean, train.Mean);
        using (var third = train.Images[2]) Assert.Equal(Expected(3), third.bytes.ToArray());

        using var test = ImageNet16Reader.Load(Fixtures, "test"); // protocol 5, int64 NumPy label array
        Assert.Equal([2L, 119, 0], test.LabelArray);
        using (var last = test.Images[2]) Assert.Equal(Expected(3), last.bytes.ToArray());
    }

    [Fact]
    public void Reads_python2_style_and_razorvine_pickles_across_batches_and_caches_them()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.In("train_data_batch_1"), Python2NumpyPickle(Images(3), 3, [7, 300, 120]));
        File.WriteAllBytes(dir.In("train_data_batch_2"), RazorvinePickle(Images(2), [1, 2]));
        using var train = ImageNet16Reader.Load(dir.Path, "train", 120, dir.In("cache"));
        Assert.Equal([6L, 119, 0, 1], train.LabelArray);
        using (var row = train.Images[1]) Assert.Equal(Expected(2), row.bytes.ToArray());
        using (var row = train.Images[3]) Assert.Equal(Expected(1), row.bytes.ToArray());
        Assert.Single(dir.Files("cache"));

        using var limited = ImageNet16Reader.Load(dir.Path, "train", classLimit: 10);
        Assert.Equal([6L, 0, 1], limited.LabelArray);
        Assert.Equal(10, limited.ClassCount);

        // the second load comes from the cache: garbage of the same size and time in the pickle goes unread
        var file = dir.In("train_data_batch_1");
        var original = File.GetLastWriteTimeUtc(file);
        File.WriteAllBytes(file, new byte[new FileInfo(file).Length]);
        File.SetLastWriteTimeUtc(file, original);
        using var cached = ImageNet16Reader.Load(dir.Path, "train", 120, dir.In("cache"));
        Assert.Equal(train.LabelArray, cached.LabelArray);
        Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "train", 120, cacheDirectory: null));
    }

    [Fact]
    public void Bad_labels_and_mismatched_sizes_are_reported_with_file_and_record()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.In("train_data_batch_1"), Python2NumpyPickle(Images(3), 3, [7, 0, 5]));
        var e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "train"));
        Assert.Contains("train_data_batch_1", e.Message);
        Assert.Contains("record 1:", e.Message);

        File.WriteAllBytes(dir.In("val_data"), RazorvinePickle(Images(3), [1, 1001, 2]));
        e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "test"));
        Assert.Contains("val_data", e.Message);
        Assert.Contains("record 1:", e.Message);

        File.WriteAllBytes(dir.In("val_data"), RazorvinePickle(Images(3), [1, 2]));
        e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "test"));
        Assert.Contains("val_data", e.Message);
        Assert.Contains("2 labels", e.Message);
    }

    [Fact]
    public void Corrupt_truncated_or_missing_pickles_are_reported()
    {
        using var dir = new TempDir();
        var good = Python2NumpyPickle(Images(2), 2, [1, 2]);
        File.WriteAllBytes(dir.In("train_data_batch_1"), good[..(good.Length / 2)]);
        var e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "train"));
        Assert.Contains("train_data_batch_1", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        File.WriteAllBytes(dir.In("train_data_batch_1"), Writers.Pixels(5, 300));
        e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "train"));
        Assert.Contains("train_data_batch_1", e.Message);

        File.WriteAllBytes(dir.In("train_data_batch_1"), new Pickler().dumps(new ArrayList { 1, 2 }));
        e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "train"));
        Assert.Contains("'data'", e.Message);

        e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "test"));
        Assert.Contains("val_data", e.Message);
        e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.In("nowhere"), "test"));
        Assert.Contains("nowhere", e.Message);
    }
}
