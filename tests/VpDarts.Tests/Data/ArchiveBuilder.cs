using System.Formats.Tar;
using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VpDarts.Tests.Data;

/// <summary>Builds <c>.tar.gz</c> archives entry by entry, including entries that are not regular files.</summary>
internal sealed class ArchiveBuilder
{
    private readonly List<PaxTarEntry> _entries = [];

    /// <summary>A small PNG whose pixels are all one grey level.</summary>
    public static byte[] Png(int size, byte grey)
    {
        using var image = new Image<Rgb24>(size, size, new Rgb24(grey, grey, grey));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    /// <summary>A usable image-folder dataset: <c>root/train/{cat,dog}/0.png</c>.</summary>
    public static ArchiveBuilder Dataset(string root = "pets") => new ArchiveBuilder()
        .File($"{root}/train/cat/0.png", Png(4, 10))
        .File($"{root}/train/dog/0.png", Png(4, 200));

    public ArchiveBuilder File(string name, byte[] content)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return this;
    }

    public ArchiveBuilder Entry(TarEntryType type, string name, string? linkName = null)
    {
        var entry = new PaxTarEntry(type, name);
        if (linkName is not null) entry.LinkName = linkName;
        if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice) (entry.DeviceMajor, entry.DeviceMinor) = (1, 3);
        _entries.Add(entry);
        return this;
    }

    /// <summary>The archive's bytes (folder entries are added for every parent of a file).</summary>
    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax))
        {
            var folders = _entries.Select(e => e.Name).Where(n => n.Contains('/')).Select(n => n[..(n.LastIndexOf('/') + 1)])
                .SelectMany(Parents).Distinct().Order(StringComparer.Ordinal);
            foreach (var folder in folders) tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder));
            foreach (var entry in _entries) tar.WriteEntry(entry);
        }
        return buffer.ToArray();
    }

    /// <summary>Writes the archive to <paramref name="path"/> and returns the path.</summary>
    public string WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, Build());
        return path;
    }

    private static IEnumerable<string> Parents(string folder)
    {
        for (var at = folder.IndexOf('/'); at >= 0; at = folder.IndexOf('/', at + 1)) yield return folder[..(at + 1)];
    }
}
