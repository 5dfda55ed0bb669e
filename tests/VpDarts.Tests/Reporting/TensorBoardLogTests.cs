using System.Buffers.Binary;
using System.Text;

namespace VpDarts.Tests.Reporting;

[Collection(ReportingCollection.Name)]
public sealed class TensorBoardLogTests(ReportingRuns runs)
{
    /// <summary>One TFRecord: its payload (a serialised Event) after both masked CRC-32C checks passed.</summary>
    private static List<byte[]> ReadRecords(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var records = new List<byte[]>();
        var at = 0;
        while (at < bytes.Length)
        {
            Assert.True(bytes.Length - at >= 12, $"{file}: truncated record header at byte {at}");
            var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
            Assert.Equal(Masked(Crc(bytes.AsSpan(at, 8))), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8)));
            Assert.True(length > 0 && at + 12 + length + 4 <= bytes.Length, $"{file}: record at byte {at} claims {length} bytes");
            var payload = bytes.AsSpan(at + 12, (int)length).ToArray();
            Assert.Equal(Masked(Crc(payload)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + (int)length)));
            records.Add(payload);
            at += 12 + (int)length + 4;
        }
        return records;
    }

    /// <summary>CRC-32C (Castagnoli), bitwise.</summary>
    private static uint Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    private static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xa282ead8u;

    /// <summary>The step of an Event: field 2 (varint), after field 1 (wall time, 8 bytes); null when absent.</summary>
    private static long? Step(byte[] e)
    {
        var at = e.Length > 0 && e[0] == 0x09 ? 9 : 0;
        if (at >= e.Length || e[at] != 0x10) return null;
        long value = 0;
        for (int shift = 0, i = at + 1; ; shift += 7, i++)
        {
            value |= (long)(e[i] & 0x7f) << shift;
            if ((e[i] & 0x80) == 0) return value;
        }
    }

    /// <summary>Whether the payload holds <paramref name="text"/> as a length-prefixed protobuf string (a Summary.Value tag, say).</summary>
    private static bool Has(byte[] payload, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return payload.AsSpan().IndexOf([(byte)bytes.Length, .. bytes]) >= 1;
    }

    [Fact]
    public void Two_epochs_make_a_valid_event_file_with_every_scalar()
    {
        var run = Path.Combine(runs.Root, $"tb-{Guid.NewGuid():N}");
        var lines = new RunDirectory(runs.VpDarts).ReadSearchMetrics().Take(2).ToList();

        int written;
        using (var log = new TensorBoardLog(run))
        {
            Assert.Equal(Path.Combine(run, "tensorboard"), log.LogDir);
            foreach (var line in lines) log.Write(line);
            written = log.ScalarsWritten;
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(run, "tensorboard")));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
        Assert.True(new FileInfo(file).Length > 0);
        var records = ReadRecords(file);
        Assert.True(Has(records[0], "brain.Event:2"), "the first record is not the file-version event");
        Assert.Equal(1 + written, records.Count);

        // Epoch 1 is warm-up: no valid loss and no cell yet (so no skip count or NB201 scores): 8 scalars + 30 α.
        // Epoch 2 searches: 12 scalars + 30 α + valid loss and accuracy.
        Assert.Equal(8 + 30 + 12 + 30 + 2, written);
        var scalars = records.Skip(1).ToList();
        Assert.Equal(8 + 30, scalars.Count(r => Step(r) == 1));
        Assert.Equal(12 + 30 + 2, scalars.Count(r => Step(r) == 2));
        foreach (var tag in new[] { "loss/train", "accuracy/train", "lr", "seconds/ablation", "images_per_s",
                     "alpha/edge0/none", "alpha/edge5/avg_pool_3x3", "alpha/edge2/nor_conv_3x3" })
            Assert.Equal(2, scalars.Count(r => Has(r, tag)));
        foreach (var tag in new[] { "loss/valid", "skip_count", "nb201/cifar10_test" })
            Assert.Single(scalars, r => Has(r, tag));
    }

    [Fact]
    public void Log_attached_to_a_search_holds_every_epoch()
    {
        var file = Assert.Single(Directory.GetFiles(Path.Combine(runs.VpDarts, "tensorboard")));
        var scalars = ReadRecords(file).Skip(1).ToList();

        Assert.Equal(runs.ScalarsLogged, scalars.Count);
        var steps = scalars.Select(Step).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, ReportingRuns.VpEpochs).Select(s => (long?)s), steps);
        Assert.Equal(ReportingRuns.VpEpochs, scalars.Count(r => Has(r, "alpha/edge3/skip_connect")));
    }

    [Fact]
    public void Writing_after_dispose_fails()
    {
        var log = new TensorBoardLog(Path.Combine(runs.Root, $"tb-{Guid.NewGuid():N}"));
        log.Dispose();
        Assert.Throws<ObjectDisposedException>(() => log.Write(new SearchEpochRecord { Epoch = 0 }));
    }
}
