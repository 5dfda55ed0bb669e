using System.Runtime.InteropServices;

namespace VpDarts.Runtime;

/// <summary>
/// Turns NNPACK off in libtorch's global context on a CPU where NNPACK cannot initialise, which is what PyTorch's
/// <c>torch.backends.nnpack.set_flags(False)</c> does. libtorch 2.x checks NNPACK before many CPU convolutions and logs
/// <c>Could not initialize NNPACK! Reason: Unsupported hardware.</c> on every check that fails, not once (a tiny
/// search printed 151 such lines); with NNPACK off the check is never made. Where NNPACK initialises, nothing changes.
/// TorchSharp has no binding for the switch, so it is called through libtorch's exported C++ symbols.
/// </summary>
internal static unsafe class NnpackSwitch
{
    private const string TorchCpuFile = "libtorch_cpu.so";
    private const int NnpSuccess = 0;  // nnp_status_success

    /// <summary>
    /// Asks NNPACK whether it initialises on this CPU (it initialises once per process and logs nothing) and, when
    /// it does not, turns it off. Returns whether it was turned off; false too when the symbols are absent (another
    /// libtorch build), so start-up never fails here.
    /// </summary>
    public static bool TurnOffWhereUnsupported(string nativeFolder)
    {
        if (Initialises(nativeFolder) is not false
            || Export(nativeFolder, "_ZN2at13globalContextEv") is not { } globalContext
            || Export(nativeFolder, "_ZN2at7Context20setUserEnabledNNPACKEb") is not { } setEnabled)
            return false;
        var context = ((delegate* unmanaged<nint>)globalContext)();
        ((delegate* unmanaged<nint, byte, void>)setEnabled)(context, 0);
        return true;
    }

    /// <summary>Whether NNPACK initialises on this CPU; null when libtorch does not export NNPACK's
    /// initialiser.</summary>
    public static bool? Initialises(string nativeFolder) =>
        Export(nativeFolder, "nnp_initialize") is { } initialize
            ? ((delegate* unmanaged<int>)initialize)() == NnpSuccess : null;

    /// <summary>Whether libtorch's global context lets convolutions use NNPACK; null when the symbols are
    /// absent.</summary>
    public static bool? Enabled(string nativeFolder) =>
        Export(nativeFolder, "_ZN2at13globalContextEv") is { } globalContext
        && Export(nativeFolder, "_ZNK2at7Context17userEnabledNNPACKEv") is { } enabled
            ? ((delegate* unmanaged<nint, byte>)enabled)(((delegate* unmanaged<nint>)globalContext)()) != 0
            : null;

    private static nint? Export(string nativeFolder, string symbol)
    {
        var path = Path.Combine(nativeFolder, TorchCpuFile);
        return File.Exists(path) && NativeLibrary.TryLoad(path, out var library)
            && NativeLibrary.TryGetExport(library, symbol, out var address)
            ? address : null;
    }
}
