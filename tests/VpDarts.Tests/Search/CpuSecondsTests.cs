using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VpDarts.Tests.Search;

/// <summary>result.json's <c>cpu_seconds</c>: the search process's CPU time over a search run in one session, none for a resumed run.</summary>
public sealed class CpuSecondsTests() : TempFolderTests("vpdarts-cpu-")
{
    private static SearchResultRecord Result(string dir)
    {
        var path = new RunDirectory(dir).ResultPath;
        return RunJson.Parse<SearchResultRecord>(File.ReadAllText(path), path);
    }

    [Fact]
    public void A_search_in_one_session_records_its_cpu_seconds_and_a_resumed_one_does_not()
    {
        var config = TinySearch.Config(SearchMethod.Get<DartsMethod>());
        var whole = TinySearch.Run(config, In("whole"));
        var cpu = Result(whole.RunDirectory).CpuSeconds;
        Assert.NotNull(cpu);
        Assert.InRange(cpu.Value, double.Epsilon, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);  // seconds, of this process
        Assert.Equal(cpu.Value, JsonNode.Parse(File.ReadAllText(new RunDirectory(whole.RunDirectory).ResultPath))!["cpu_seconds"]!.GetValue<double>());

        var dir = In("resumed");
        var stop = TestProgress.CancelAfterEpochs(2);
        Assert.Throws<OperationCanceledException>(() => TinySearch.Run(config, dir, stop, stop.Token));
        TinySearch.Run(config, dir);
        var resumed = Result(dir);
        Assert.Null(resumed.CpuSeconds);  // the first session's CPU time is not known to the second
        Assert.True(resumed.SearchSeconds > 0);
        Assert.Equal(whole.Arch.ToString(), resumed.Arch);
    }
}
