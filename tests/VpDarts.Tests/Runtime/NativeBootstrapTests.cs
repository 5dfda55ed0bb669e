using System.Text;
using TorchSharp;

namespace VpDarts.Tests.Runtime;

public sealed class NativeBootstrapTests
{
    private const string Needed = "GLIBCXX_3.4.32";

    private static string ShippedLibrary() =>
        Path.Combine(NativeBootstrap.FindNativeFolder() ?? throw new InvalidOperationException("native folder not found"),
            "libLibTorchSharp.so");

    private static bool SystemLibstdcxxHas(string version)
    {
        var candidates = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6" };
        var path = candidates.First(File.Exists);
        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(version + "\0")) >= 0;
    }

    [Fact]
    public void TorchRunsAfterStartUp()
    {
        var native = NativeBootstrap.EnsureLoaded();
        using var sum = torch.ones(3).mul(2).sum();
        Assert.Equal(6f, sum.item<float>());
        Assert.True(native.MallocTuned, "glibc malloc thresholds should be raised on Linux");
    }

    [Fact]
    public void NnpackIsTurnedOffExactlyWhereItCannotInitialise()
    {
        var native = NativeBootstrap.EnsureLoaded();
        var folder = NativeBootstrap.FindNativeFolder()!;
        var initialises = NnpackSwitch.Initialises(folder);

        Assert.NotNull(initialises);
        Assert.Equal(!initialises.Value, native.NnpackTurnedOff);
        Assert.Equal(initialises, NnpackSwitch.Enabled(folder));
    }

    [Fact]
    public void PatchesOnlyWhenTheSystemLibstdcxxIsTooOld()
    {
        var native = NativeBootstrap.EnsureLoaded();
        Assert.Same(native, NativeBootstrap.EnsureLoaded());  // one start-up per process
        if (SystemLibstdcxxHas(Needed))
        {
            Assert.Equal(NativeLoadMode.Original, native.Mode);
            return;
        }
        Assert.Equal(NativeLoadMode.Patched, native.Mode);
        var loaded = native.LoadedLibraryPath!;
        Assert.StartsWith(NativeBootstrap.CacheRoot(), loaded);
        var need = ElfVersionPatcher.ListVersionNeeds(File.ReadAllBytes(loaded)).Single(v => v.Version == Needed);
        Assert.Equal(2, need.Flags & 2);
    }

    [Fact]
    public void PatcherFlipsExactlyTheOneFlagOnTheRealLibrary()
    {
        var original = File.ReadAllBytes(ShippedLibrary());
        var needs = ElfVersionPatcher.ListVersionNeeds(original);
        Assert.Contains(needs, n => n.Version == Needed && n.File == "libstdc++.so.6" && (n.Flags & 2) == 0);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5");

        var patched = (byte[])original.Clone();
        Assert.Equal(1, ElfVersionPatcher.MarkVersionWeak(patched, Needed));
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Single(differing);

        var after = ElfVersionPatcher.ListVersionNeeds(patched);
        Assert.Equal(needs.Count, after.Count);
        for (var i = 0; i < needs.Count; i++)
        {
            var expectedFlags = needs[i].Version == Needed ? (ushort)(needs[i].Flags | 2) : needs[i].Flags;
            Assert.Equal(expectedFlags, after[i].Flags);
        }
        Assert.Equal(0, ElfVersionPatcher.MarkVersionWeak(patched, Needed));  // idempotent
    }

    [Fact]
    public void PatchedCopyIsWrittenAtomicallyIntoTheCache()
    {
        var cache = Directory.CreateTempSubdirectory("vpdarts-native-").FullName;
        var previous = Environment.GetEnvironmentVariable("VPDARTS_NATIVE_CACHE");
        try
        {
            Environment.SetEnvironmentVariable("VPDARTS_NATIVE_CACHE", cache);
            var copy = NativeBootstrap.WritePatchedCopy(ShippedLibrary());
            Assert.StartsWith(cache, copy);
            Assert.Equal(new FileInfo(ShippedLibrary()).Length, new FileInfo(copy).Length);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(copy)!, "*.tmp"));
            Assert.Equal(copy, NativeBootstrap.WritePatchedCopy(ShippedLibrary()));  // reused, not rewritten
        }
        finally
        {
            Environment.SetEnvironmentVariable("VPDARTS_NATIVE_CACHE", previous);
            Directory.Delete(cache, true);
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1 })]
    public void RejectsFilesThatAreNot64BitElf(byte[] start)
    {
        var bytes = new byte[128];
        start.CopyTo(bytes, 0);
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ListVersionNeeds(bytes));
    }

    [Fact]
    public void RejectsTruncatedElf()
    {
        var original = File.ReadAllBytes(ShippedLibrary());
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ListVersionNeeds(original.AsSpan(0, original.Length / 2)));
    }
}
