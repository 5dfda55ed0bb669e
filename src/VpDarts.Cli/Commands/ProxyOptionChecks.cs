using VpDarts.Proxies;

namespace VpDarts.Cli.Commands;

/// <summary>The checks of the scoring options that <c>proxies</c> and <c>experiment proxies</c> share.</summary>
public static class ProxyOptionChecks
{
    /// <summary>The first bad option as a one-line error, or null when all are good.</summary>
    public static ValidationResult? Check(int batchSize, int channels, int layers, int threads, string[]? proxies)
    {
        if (batchSize < 2) return ValidationResult.Error($"--batch-size: must be at least 2, got {batchSize}");
        if (channels is < 1 or > 256) return ValidationResult.Error($"--channels: must be 1 to 256, got {channels}");
        if (layers is < 1 or > 32) return ValidationResult.Error($"--layers: must be 1 to 32, got {layers}");
        if (threads < 1) return ValidationResult.Error($"--threads: must be positive, got {threads}");
        foreach (var name in proxies ?? [])
            if (ZeroCostProxies.Find(name) is null)
                return ValidationResult.Error($"--proxy: unknown proxy '{name}'; known: " +
                                              string.Join(", ", ZeroCostProxies.Names));
        return null;
    }
}
