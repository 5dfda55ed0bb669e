namespace VpDarts.Diagnostics;

/// <summary>
/// The embedded golden comparison (<see cref="GoldenCheck"/>), run before a CPU search or training starts, with the
/// run's thread count: a machine whose kernels compute wrong numbers stops at once with the reason, instead of ending
/// hours later on a NaN or, worse, on a wrong cell. It takes a fraction of a second; the run reseeds torch afterwards.
/// </summary>
public static class Preflight
{
    /// <summary>Throws <see cref="HostCheckException"/> when this machine's outputs or gradients differ from
    /// PyTorch's.</summary>
    public static void Run(int threads)
    {
        torch.set_num_threads(threads);
        var result = GoldenCheck.Run();
        if (!result.Passed) throw new HostCheckException($"{result.Detail}; nothing was trained. {Advice}");
    }

    /// <summary>What to try on such a machine.</summary>
    public const string Advice =
        "Run `vpdarts doctor` for details; ONEDNN_MAX_CPU_ISA=AVX2 makes oneDNN use its AVX2 kernels " +
        "(docs/RELIABILITY.md)";
}
