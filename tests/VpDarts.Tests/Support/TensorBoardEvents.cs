using System.Buffers.Binary;
using System.Text;

namespace VpDarts.Tests.Support;

/// <summary>Reads TensorBoard event files back: records (with their CRCs checked), steps, and strings in a payload.</summary>
internal static class TensorBoardEvents
{
    /// <summary>One TFRecord: its payload (a serialised Event) after both masked CRC-32C checks passed.</summary>
    public static List<byte[]> ReadRecords(string file)
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
    public static uint Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    public static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xa282ead8u;

    /// <summary>The step of an Event: field 2 (varint), after field 1 (wall time, 8 bytes); null when absent.</summary>
    public static long? Step(byte[] e)
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
    public static bool Has(byte[] payload, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return payload.AsSpan().IndexOf([(byte)bytes.Length, .. bytes]) >= 1;
    }

    /// <summary>The records of the single event file in <paramref name="folder"/>, without the leading file-version event.</summary>
    public static List<byte[]> Summaries(string folder)
    {
        var file = Assert.Single(Directory.GetFiles(folder));
        var records = ReadRecords(file);
        Assert.True(Has(records[0], "brain.Event:2"), "the first record is not the file-version event");
        return records.Skip(1).ToList();
    }
}
