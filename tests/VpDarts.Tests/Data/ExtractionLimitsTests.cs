using System.Formats.Tar;
using System.IO.Compression;

namespace VpDarts.Tests.Data;

public class ExtractionLimitsTests
{
    private static ExtractionLimits FromVariables(string? bytes, string? entries) =>
        ExtractionLimits.FromVariables(name => name == ExtractionLimits.MaxBytesVariable ? bytes
            : name == ExtractionLimits.MaxEntriesVariable ? entries : null);

    [Fact]
    public void Limits_come_from_the_environment_variables_or_the_defaults()
    {
        Assert.Equal(ExtractionLimits.Default, FromVariables(null, null));
        Assert.Equal(ExtractionLimits.Default, FromVariables(" ", ""));
        Assert.Equal(new ExtractionLimits(40L << 30, 1_000_000), FromVariables("40G", "1000000"));
        Assert.Equal(new ExtractionLimits(123, 7), FromVariables("123", "7"));
        Assert.Equal(512L << 20, FromVariables("512MiB", null).MaxBytes);
        Assert.Equal(2L << 40, FromVariables("2t", null).MaxBytes);
        Assert.Equal(64L << 10, FromVariables("64K", null).MaxBytes);
    }

    [Theory]
    [InlineData("lots", null, ExtractionLimits.MaxBytesVariable)]
    [InlineData("0", null, ExtractionLimits.MaxBytesVariable)]
    [InlineData("-5G", null, ExtractionLimits.MaxBytesVariable)]
    [InlineData("99999999999T", null, ExtractionLimits.MaxBytesVariable)]
    [InlineData(null, "1e6", ExtractionLimits.MaxEntriesVariable)]
    [InlineData(null, "0", ExtractionLimits.MaxEntriesVariable)]
    public void Bad_values_are_reported_naming_the_variable(string? bytes, string? entries, string variable)
    {
        var e = Assert.Throws<UserInputException>(() => FromVariables(bytes, entries));
        Assert.StartsWith(variable + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Default_limits_leave_room_for_the_cifar10_jpeg_archive()
    {
        long entries = 0, bytes = 0;
        using (var file = File.OpenRead(Shared.In("datasets", "cifar10-jpeg.tar.gz")))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new TarReader(gzip))
            while (reader.GetNextEntry() is { } entry) (entries, bytes) = (entries + 1, bytes + entry.Length);
        Assert.Equal(60_024, entries); // 60,000 images, 23 folders and a pax global header
        Assert.InRange(entries * 4, 0, ExtractionLimits.Default.MaxEntries);
        Assert.InRange(bytes * 100, 0, ExtractionLimits.Default.MaxBytes);
    }
}
