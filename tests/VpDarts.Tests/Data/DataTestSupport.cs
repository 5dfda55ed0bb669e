using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace VpDarts.Tests.Data;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vpdarts-test-" + Guid.NewGuid().ToString("N")[..12]);

    public string In(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Every file and folder below the temp folder, relative, sorted.</summary>
    public string[] Entries(string? sub = null)
    {
        var root = sub is null ? Path : In(sub);
        return Directory.Exists(root)
            ? Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories)
                .Select(p => System.IO.Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>Every file (not folder) below a sub-folder, relative, sorted.</summary>
    public string[] Files(string sub) => Entries(sub).Where(e => File.Exists(In(sub, e))).ToArray();

    /// <summary>Loads <paramref name="split"/> of the image folder here (cache in cache/), which must fail with a user error.</summary>
    public UserInputException LoadFails(string split = "train", int threads = 0) =>
        Assert.Throws<UserInputException>(() => ImageFolderReader.Load(Path, split, In("cache"), threads));

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The CIFAR-10 JPEG tree from the shared folder, extracted once per machine (atomically) and reused.</summary>
internal static class CifarJpeg
{
    private static readonly Lazy<string> RootLazy = new(Extract);

    public static string Archive => Shared.In("datasets", "cifar10-jpeg.tar.gz");

    /// <summary>The extracted <c>cifar10-jpeg</c> folder (with <c>train</c> and <c>test</c>).</summary>
    public static string Root => RootLazy.Value;

    private static string Extract()
    {
        var info = new FileInfo(Archive);
        Assert.True(info.Exists, $"missing {Archive}");
        var baseDir = Path.Combine(Path.GetTempPath(), "vpdarts-test-data");
        var final = Path.Combine(baseDir, $"cifar10-jpeg-{info.Length}");
        if (Directory.Exists(final)) return final;
        var staging = Path.Combine(baseDir, ".extract-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(staging);
        try
        {
            using (var file = File.OpenRead(Archive))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gzip, staging, overwriteFiles: false);
            try { Directory.Move(Path.Combine(staging, "cifar10-jpeg"), final); }
            catch (IOException) when (Directory.Exists(final)) { }
        }
        finally
        {
            try { Directory.Delete(staging, true); } catch (IOException) { }
        }
        return final;
    }
}

/// <summary>Writers for small files in the official dataset layouts.</summary>
internal static class Writers
{
    /// <summary>Deterministic pixels of record <paramref name="seed"/>.</summary>
    public static byte[] Pixels(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>CIFAR records: the label bytes of each record, then its 3,072 pixel bytes.</summary>
    public static byte[] CifarRecords(IEnumerable<(byte[] Labels, byte[] Pixels)> records) =>
        records.SelectMany(r => r.Labels.Concat(r.Pixels)).ToArray();

    /// <summary>An IDX image file (optionally gzipped).</summary>
    public static byte[] IdxImages(byte[][] images, int rows, int cols, bool gzip, int magic = 2051)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), images.Length);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), cols);
        var raw = header.Concat(images.SelectMany(i => i)).ToArray();
        return gzip ? Gzip(raw) : raw;
    }

    /// <summary>An IDX label file (optionally gzipped).</summary>
    public static byte[] IdxLabels(byte[] labels, bool gzip, int magic = 2049)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), labels.Length);
        var raw = header.Concat(labels).ToArray();
        return gzip ? Gzip(raw) : raw;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest)) gz.Write(raw);
        return buffer.ToArray();
    }

    /// <summary>A <c>.tar.gz</c> archive of the given relative paths and contents.</summary>
    public static byte[] TarGz(IReadOnlyDictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax))
        {
            foreach (var dir in files.Keys.Select(k => k[..(k.LastIndexOf('/') + 1)]).Where(d => d.Length > 0).Distinct())
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir));
            foreach (var (name, content) in files)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
        return buffer.ToArray();
    }
}

/// <summary>An HTTP server on 127.0.0.1 (a free port) serving fixed files; stops on dispose.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private readonly Task _loop;
    private int _requests;

    public LoopbackServer(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files.ToDictionary(f => "/" + f.Key.TrimStart('/'), f => f.Value);
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(Serve);
    }

    public Uri BaseUrl { get; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Send bodies without a length (chunked), as servers that do not know the size do.</summary>
    public bool Chunked { get; init; }

    public Uri Url(string name) => new(BaseUrl, name);

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref _requests);
            using var response = context.Response;
            if (_files.TryGetValue(context.Request.Url!.AbsolutePath, out var body))
            {
                response.StatusCode = 200;
                if (Chunked) response.SendChunked = true;
                else response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
