using System.Runtime.CompilerServices;

namespace VpDarts.Tests.Support;

internal static class NativeStartup
{
#pragma warning disable CA2255 // tests call TorchSharp directly, so the test assembly starts the native runtime itself
    [ModuleInitializer]
    internal static void Initialize() => VpDarts.Runtime.NativeBootstrap.TryEnsureLoaded();
#pragma warning restore CA2255
}
