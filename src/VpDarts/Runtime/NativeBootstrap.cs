using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace VpDarts.Runtime;

/// <summary>
/// Start-up for TorchSharp on Linux: makes <c>libLibTorchSharp.so</c> loadable on systems whose libstdc++
/// predates <c>GLIBCXX_3.4.32</c> (Debian 12, Ubuntu 22.04), tunes glibc's allocator for training, and turns
/// NNPACK off where it cannot run (<see cref="NnpackSwitch"/>).
/// Runs from module initialisers, so it happens before <c>Main</c> and before the first test; it runs once per
/// process, and <see cref="EnsureLoaded"/> returns what it did (or throws how it failed) every time it is asked.
/// </summary>
public static class NativeBootstrap
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";

    // The one start-up of the process: its outcome, or its failure, which every later call rethrows.
    private static readonly Lazy<NativeLoad> Outcome = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

#pragma warning disable CA2255 // the whole point is to run before any torch call, in every host
    [ModuleInitializer]
    internal static void InitializeModule() => TryEnsureLoaded();
#pragma warning restore CA2255

    /// <summary>Loads the native library if not done yet; records rather than throws a failure.</summary>
    public static void TryEnsureLoaded()
    {
        try { EnsureLoaded(); }
        catch (Exception) { /* kept by Outcome; EnsureLoaded rethrows it for the caller that asks */ }
    }

    /// <summary>
    /// Loads the native library (patching a copy when needed) if not done yet and returns what was done; throws one
    /// clear error on failure, the same at every call.
    /// </summary>
    /// <exception cref="NativeBootstrapException">The library cannot be loaded; the message says what it tried.
    /// </exception>
    public static NativeLoad EnsureLoaded() => Outcome.Value;

    private static NativeLoad Start()
    {
        if (!OperatingSystem.IsLinux()) return new NativeLoad(NativeLoadMode.PlatformDefault, null, false, false);
        var mallocTuned = MallocTuning.Apply();
        try
        {
            var (mode, path, nnpackOff) = Load();
            return new NativeLoad(mode, path, mallocTuned, nnpackOff);
        }
        catch (Exception e)
        {
            throw e as NativeBootstrapException ?? new NativeBootstrapException(e.Message, e);
        }
    }

    private static (NativeLoadMode Mode, string Path, bool NnpackTurnedOff) Load()
    {
        var folder = FindNativeFolder()
            ?? throw new NativeBootstrapException(
                $"cannot find {LibraryFile} in the native search directories " +
                $"({string.Join(", ", SearchDirectories())}); is the libtorch-cpu-linux-x64 package referenced?");
        var original = Path.Combine(folder, LibraryFile);

        // libLibTorchSharp's RUNPATH is $ORIGIN; a copy elsewhere finds its torch dependencies only if already loaded.
        foreach (var dependency in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            var path = Path.Combine(folder, dependency);
            if (File.Exists(path)) NativeLibrary.Load(path);
        }
        var nnpackOff = NnpackSwitch.TurnOffWhereUnsupported(folder);

        string firstError;
        try
        {
            NativeLibrary.Load(original);
            return (NativeLoadMode.Original, original, nnpackOff);
        }
        catch (DllNotFoundException e) { firstError = e.Message; }

        if (!firstError.Contains(MissingVersion, StringComparison.Ordinal))
            throw new NativeBootstrapException($"loading {original} failed: {firstError}");

        var patched = WritePatchedCopy(original);
        try { NativeLibrary.Load(patched); }
        catch (DllNotFoundException e)
        {
            throw new NativeBootstrapException(
                $"loading {original} failed ({MissingVersion} missing); the patched copy {patched} failed " +
                $"too: {e.Message}");
        }
        return (NativeLoadMode.Patched, patched, nnpackOff);
    }

    /// <summary>Writes (once per distinct original file) a copy with the missing version need marked weak.</summary>
    public static string WritePatchedCopy(string original)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        var folder = Path.Combine(CacheRoot(), key);
        var target = Path.Combine(folder, LibraryFile);
        if (File.Exists(target) && new FileInfo(target).Length == bytes.Length) return target;

        if (ElfVersionPatcher.MarkVersionWeak(bytes, MissingVersion) == 0)
            throw new NativeBootstrapException(
                $"{original} needs {MissingVersion} but has no such version entry to patch");
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{LibraryFile}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    /// <summary>Folder for patched native copies: <c>$VPDARTS_NATIVE_CACHE</c>, else the user cache folder.</summary>
    public static string CacheRoot()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("VPDARTS_NATIVE_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        if (string.IsNullOrEmpty(baseDir) || baseDir == ".cache")
            baseDir = Path.Combine(Path.GetTempPath(), "vpdarts-cache");
        return Path.Combine(baseDir, "vpdarts", "native");
    }

    /// <summary>The folder holding the shipped <c>libLibTorchSharp.so</c>, or null.</summary>
    public static string? FindNativeFolder() =>
        SearchDirectories().FirstOrDefault(d => File.Exists(Path.Combine(d, LibraryFile)));

    private static IEnumerable<string> SearchDirectories()
    {
        var listed = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var baseDir = AppContext.BaseDirectory;
        return listed
            .Append(Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"))
            .Append(Path.Combine(baseDir, "runtimes", "linux-x64", "native"))
            .Append(baseDir)
            .Distinct();
    }
}
