using System.Numerics;
using System.Text;

namespace VpDarts.Tests.Data;

/// <summary>ImageNet16 pickles whose label array has the wrong dtype or an impossible shape are reported by file.</summary>
public class HostilePickleTests
{
    /// <summary>
    /// A pickle (protocol 3) of <c>{'data': bytes, 'labels': ndarray}</c>, the array given by its dtype string, shape and
    /// raw bytes exactly as NumPy pickles it (<c>_reconstruct</c>, then the state tuple).
    /// </summary>
    private static byte[] PickleWithLabelArray(byte[] data, string dtype, BigInteger[] shape, byte[] labelBytes)
    {
        var s = new MemoryStream();
        void Op(params byte[] b) => s.Write(b);
        void Text(string t) => s.Write(Encoding.ASCII.GetBytes(t));
        void Str(string t) { Op((byte)'X'); s.Write(BitConverter.GetBytes(t.Length)); Text(t); }
        void Bytes(byte[] b) { Op((byte)'B'); s.Write(BitConverter.GetBytes(b.Length)); s.Write(b); }
        void Long(BigInteger v) { var b = v.ToByteArray(); Op(0x8A, (byte)b.Length); s.Write(b); }

        Op(0x80, 3, (byte)'}', (byte)'(');
        Str("data"); Bytes(data);
        Str("labels");
        Text("cnumpy.core.multiarray\n_reconstruct\n");
        Text("cnumpy\nndarray\n");
        Op((byte)'K', 0, 0x85);
        Bytes("b"u8.ToArray());
        Op(0x87, (byte)'R');
        Op((byte)'(', (byte)'K', 1);
        Op((byte)'(');
        foreach (var d in shape) Long(d);
        Op((byte)'t');
        Text("cnumpy\ndtype\n");
        Str(dtype); Op((byte)'K', 0, (byte)'K', 1, 0x87, (byte)'R');
        Op((byte)'(', (byte)'K', 3); Str("<"); Op((byte)'N', (byte)'N', (byte)'N', (byte)'J'); s.Write(BitConverter.GetBytes(-1));
        Op((byte)'J'); s.Write(BitConverter.GetBytes(-1)); Op((byte)'K', 0, (byte)'t', (byte)'b');
        Op(0x89);
        Bytes(labelBytes);
        Op((byte)'t', (byte)'b');
        Op((byte)'u', (byte)'.');
        return s.ToArray();
    }

    [Fact]
    public void Labels_of_an_integer_array_pickle_are_read()
    {
        using var dir = new TempDir();
        var labels = new long[] { 3, 1 }.SelectMany(BitConverter.GetBytes).ToArray();
        File.WriteAllBytes(dir.In("val_data"), PickleWithLabelArray(new byte[2 * 768], "i8", [2], labels));
        using var test = ImageNet16Reader.Load(dir.Path, "test");
        Assert.Equal([2L, 0], test.LabelArray);
    }

    [Fact]
    public void Float_labels_are_reported_with_the_file_and_the_dtype_expected()
    {
        using var dir = new TempDir();
        var labels = new float[] { 3, 1 }.SelectMany(BitConverter.GetBytes).ToArray();
        File.WriteAllBytes(dir.In("val_data"), PickleWithLabelArray(new byte[2 * 768], "f4", [2], labels));
        var e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "test"));
        Assert.Equal($"{dir.In("val_data")}: 'labels' has dtype f4; expected an integer dtype (e.g. int64)", e.Message);
    }

    [Theory]
    [InlineData("2305843009213693953", 8)]   // (2^61 + 1) × 8 bytes wraps round to 8
    [InlineData("4294967296,4294967296", 0)] // 2^32 × 2^32 elements wrap round to 0
    [InlineData("-1,-1", 8)]                 // negative dimensions whose product is 1
    public void Impossible_shapes_are_reported_with_the_file(string dims, int byteCount)
    {
        using var dir = new TempDir();
        var shape = dims.Split(',').Select(d => BigInteger.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        File.WriteAllBytes(dir.In("val_data"), PickleWithLabelArray(new byte[768], "i8", shape, new byte[byteCount]));
        var e = Assert.Throws<UserInputException>(() => ImageNet16Reader.Load(dir.Path, "test"));
        Assert.StartsWith(dir.In("val_data") + ":", e.Message);
        Assert.Contains("shape", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
