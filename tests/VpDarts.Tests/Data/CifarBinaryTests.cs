namespace VpDarts.Tests.Data;

public class CifarBinaryTests
{
    /// <summary>Writes a small cifar-10-batches-bin folder: <paramref name="perFile"/> records per file, label = (file + record) % 10.</summary>
    internal static void WriteCifar10(string folder, int perFile, bool meta = true)
    {
        Directory.CreateDirectory(folder);
        var files = CifarBinaryReader.Cifar10TrainFiles.Append("test_batch.bin").ToArray();
        for (var f = 0; f < files.Length; f++)
        {
            var records = Enumerable.Range(0, perFile)
                .Select(r => (new[] { (byte)((f + r) % 10) }, Writers.Pixels(f * 1000 + r, 3072)));
            File.WriteAllBytes(Path.Combine(folder, files[f]), Writers.CifarRecords(records));
        }
        if (meta) File.WriteAllLines(Path.Combine(folder, "batches.meta.txt"), Enumerable.Range(0, 10).Select(i => $"name{i}").Append(""));
    }

    internal static void WriteCifar100(string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        foreach (var (file, count, salt) in new[] { ("train.bin", train, 0), ("test.bin", test, 5000) })
        {
            var records = Enumerable.Range(0, count)
                .Select(r => (new[] { (byte)(r % 20), (byte)((r * 7 + 3) % 100) }, Writers.Pixels(salt + r, 3072)));
            File.WriteAllBytes(Path.Combine(folder, file), Writers.CifarRecords(records));
        }
        File.WriteAllLines(Path.Combine(folder, "fine_label_names.txt"), Enumerable.Range(0, 100).Select(i => $"fine{i}"));
    }

    [Fact]
    public void Cifar10_reads_all_training_batches_in_order_with_pixels_labels_and_names()
    {
        using var dir = new TempDir();
        WriteCifar10(dir.Path, perFile: 3);
        using var train = CifarBinaryReader.LoadCifar10(dir.Path, "train");
        Assert.Equal(15, train.Count);
        Assert.Equal([3L, 32, 32], train.Images.shape[1..]);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(f => Enumerable.Range(0, 3).Select(r => (long)((f + r) % 10))), train.LabelArray);
        Assert.Equal("name7", train.ClassNames[7]);
        Assert.Equal(DatasetStatistics.Cifar10Mean, train.Mean);
        Assert.Equal(DatasetStatistics.Cifar10Std, train.Std);
        // record 1 of data_batch_3 is row 7; its pixels come back channel-planar exactly as stored
        using var row = train.Images[7];
        Assert.Equal(Writers.Pixels(2 * 1000 + 1, 3072), row.bytes.ToArray());

        using var test = CifarBinaryReader.LoadCifar10(dir.Path, "test");
        Assert.Equal(3, test.Count);
        Assert.Equal([5L, 6, 7], test.LabelArray);
    }

    [Fact]
    public void Cifar10_without_meta_file_uses_the_standard_class_names()
    {
        using var dir = new TempDir();
        WriteCifar10(dir.Path, perFile: 1, meta: false);
        using var test = CifarBinaryReader.LoadCifar10(dir.Path, "test");
        Assert.Equal(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"], test.ClassNames);
    }

    [Fact]
    public void Cifar100_uses_the_fine_label_and_its_names()
    {
        using var dir = new TempDir();
        WriteCifar100(dir.Path, train: 12, test: 4);
        using var train = CifarBinaryReader.LoadCifar100(dir.Path, "train");
        Assert.Equal(12, train.Count);
        Assert.Equal(100, train.ClassCount);
        Assert.Equal(Enumerable.Range(0, 12).Select(r => (long)((r * 7 + 3) % 100)), train.LabelArray);
        Assert.Equal("fine42", train.ClassNames[42]);
        Assert.Equal(DatasetStatistics.Cifar100Mean, train.Mean);
        using var row = train.Images[5];
        Assert.Equal(Writers.Pixels(5, 3072), row.bytes.ToArray());
        using var test = CifarBinaryReader.LoadCifar100(dir.Path, "test");
        Assert.Equal(4, test.Count);
    }

    [Fact]
    public void Truncated_batch_is_reported_with_file_and_record()
    {
        using var dir = new TempDir();
        WriteCifar10(dir.Path, perFile: 3);
        var file = Path.Combine(dir.Path, "data_batch_4.bin");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..(3073 * 2 + 100)]);
        var e = Assert.Throws<UserInputException>(() => CifarBinaryReader.LoadCifar10(dir.Path, "train"));
        Assert.Contains("data_batch_4.bin", e.Message);
        Assert.Contains("record 2 is incomplete", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Label_out_of_range_is_reported_with_file_and_record()
    {
        using var dir = new TempDir();
        WriteCifar10(dir.Path, perFile: 4);
        var file = Path.Combine(dir.Path, "data_batch_2.bin");
        var bytes = File.ReadAllBytes(file);
        bytes[3073 * 3] = 10;
        File.WriteAllBytes(file, bytes);
        var e = Assert.Throws<UserInputException>(() => CifarBinaryReader.LoadCifar10(dir.Path, "train"));
        Assert.Contains("data_batch_2.bin", e.Message);
        Assert.Contains("record 3:", e.Message);
        Assert.Contains("label 10", e.Message);
    }

    [Fact]
    public void Cifar100_fine_label_out_of_range_is_reported()
    {
        using var dir = new TempDir();
        WriteCifar100(dir.Path, train: 3, test: 3);
        var file = Path.Combine(dir.Path, "test.bin");
        var bytes = File.ReadAllBytes(file);
        bytes[3074 * 1 + 1] = 100;
        File.WriteAllBytes(file, bytes);
        var e = Assert.Throws<UserInputException>(() => CifarBinaryReader.LoadCifar100(dir.Path, "test"));
        Assert.Contains("test.bin", e.Message);
        Assert.Contains("record 1:", e.Message);
    }

    [Fact]
    public void Missing_batch_and_wrong_name_count_are_reported()
    {
        using var dir = new TempDir();
        WriteCifar10(dir.Path, perFile: 1);
        File.Delete(Path.Combine(dir.Path, "data_batch_5.bin"));
        Assert.Contains("data_batch_5.bin", Assert.Throws<UserInputException>(() => CifarBinaryReader.LoadCifar10(dir.Path, "train")).Message);
        File.WriteAllLines(Path.Combine(dir.Path, "batches.meta.txt"), ["a", "b"]);
        Assert.Contains("batches.meta.txt", Assert.Throws<UserInputException>(() => CifarBinaryReader.LoadCifar10(dir.Path, "test")).Message);
    }
}
