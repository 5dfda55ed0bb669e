namespace VpDarts.Tests.Packaging;

/// <summary>
/// The CLI packs as a .NET tool and installs into a tool path, where `vpdarts --help` and a tiny search (which loads
/// TorchSharp's native library from the tool's own folder) work. About a minute: the package carries libtorch.
/// </summary>
public sealed class ToolPackageTests() : TempFolderTests("vpdarts-tool-")
{
    [Fact]
    public void PackedToolInstallsAndRuns()
    {
        var packages = In("packages");
        var tools = In("tools");
        var project = Path.Combine(Shared.RepoRoot, "src", "VpDarts.Cli", "VpDarts.Cli.csproj");
        Run("dotnet", "pack", project, "-c", "Release", "-o", packages);
        Assert.Single(Directory.GetFiles(packages, "VpDarts.Cli.*.nupkg"));
        Run("dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "VpDarts.Cli");

        var vpdarts = Path.Combine(tools, "vpdarts");
        var help = Run(vpdarts, "--help");
        Assert.Contains("search", help);
        Assert.Contains("demo", help);
        var search = Run(vpdarts, "search", "--preset", "demo", "--epochs", "2", "--warmup", "1", "--channels", "4",
            "--train-limit", "100", "--valid-limit", "50", "--threads", "1", "--out", In("run"));
        Assert.Contains("arch: |", search);
        Assert.True(File.Exists(In("run", "result.json")));
    }

    private static string Run(string file, params string[] args)
    {
        var (code, stdout, stderr) = ChildProcess.Run(file, args, TimeSpan.FromMinutes(10), [("DOTNET_CLI_TELEMETRY_OPTOUT", "1"), ("DOTNET_NOLOGO", "1")]);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited {code}: {stdout}\n{stderr}");
        return stdout;
    }
}
