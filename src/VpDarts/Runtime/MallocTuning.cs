using System.Runtime.InteropServices;

namespace VpDarts.Runtime;

/// <summary>
/// Keeps glibc from mapping and unmapping every few-MB activation buffer: without this, training spends about as
/// much time in the kernel (page faults) as in user code. Setting <c>VPDARTS_NO_MALLOPT=1</c> turns it off.
/// </summary>
public static partial class MallocTuning
{
    private const int TrimThreshold = -1;  // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3;  // M_MMAP_THRESHOLD
    /// <summary>Allocations below this size come from the heap instead of fresh mappings.</summary>
    public const int MmapThresholdBytes = 32 << 20;
    /// <summary>Free heap memory kept instead of returned to the kernel.</summary>
    public const int TrimThresholdBytes = 512 << 20;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    private static bool _trimUnavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Hands the heap's free pages back to the kernel. With the thresholds above, repeated no-grad passes at
    /// evaluation batch size (the ablation: 30 passes of 256-image batches) leave freed buffers scattered through the
    /// heap, and the resident set creeps up pass after pass (to ~0.8 GB at N=1, where the passes need ~0.1 GB).
    /// Calling this after each ablated op (since the ablation runs batch by batch, after each batch's passes) keeps
    /// the peak near what one pass needs (894 → 440 MB in bench/RESULTS.md of 2026-11-30), for 10–15 % more ablation
    /// time: the next pass faults the pages in again (bench/PROFILE.md).
    /// </summary>
    public static void ReleaseFreeMemory()
    {
        if (_trimUnavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _trimUnavailable = true;
        }
    }

    /// <summary>Raises the thresholds on Linux with glibc; returns whether both calls succeeded.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("VPDARTS_NO_MALLOPT") == "1") return false;
        try
        {
            return Mallopt(MmapThreshold, MmapThresholdBytes) == 1 && Mallopt(TrimThreshold, TrimThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (e.g. musl): nothing to tune
        }
    }
}
