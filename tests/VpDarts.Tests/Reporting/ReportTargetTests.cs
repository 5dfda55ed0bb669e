using VpDarts.Runtime;
using VpDarts.Tests.Cli;

namespace VpDarts.Tests.Reporting;

/// <summary><c>report</c> and <c>experiment collect</c> write only into the folder of a run or an experiment; any other folder is left as it was.</summary>
[Collection(ReportingCollection.Name)]
public sealed class ReportTargetTests(ReportingRuns runs) : TempFolderTests("vpdarts-report-target-")
{
    private const string Cell = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";

    /// <summary>Every file under <paramref name="folder"/> with its bytes, and every folder.</summary>
    private static SortedDictionary<string, string> Snapshot(string folder) => new(
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).ToDictionary(
            p => Path.GetRelativePath(folder, p),
            p => File.Exists(p) ? Convert.ToBase64String(File.ReadAllBytes(p)) : "folder"),
        StringComparer.Ordinal);

    [Fact]
    public void Report_refuses_a_folder_of_the_users_own_files_even_with_metrics_like_lines_and_changes_nothing()
    {
        var folder = In("notes");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "metrics.jsonl"),
            [$$"""{"epoch": 0, "arch": "{{Cell}}", "train_loss": 2.1}""", $$"""{"epoch": 1, "arch": "{{Cell}}", "train_loss": 1.9}"""]);
        File.WriteAllText(Path.Combine(folder, "report.md"), "# My own report\n\nWritten by hand.\n");
        var before = Snapshot(folder);

        var cli = CliHarness.Run("report", folder);
        Assert.True(cli.ExitCode == 2, cli.ToString());
        Assert.Equal("", cli.Out);
        Assert.Equal($"error: {folder}: holds no vpdarts run; report writes report.md and figures/ only into a run's folder", Assert.Single(cli.ErrLines));
        var e = Assert.Throws<UserInputException>(() => RunReport.Write(folder));
        Assert.Equal($"{folder}: holds no vpdarts run; report writes report.md and figures/ only into a run's folder", e.Message);

        Assert.Equal(before, Snapshot(folder));
        Assert.False(Directory.Exists(Path.Combine(folder, "figures")));
    }

    [Fact]
    public void Report_refuses_a_run_whose_figures_folder_links_elsewhere_and_writes_nothing_there()
    {
        var elsewhere = In("my-pictures");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "importance.png"), "the user's own picture");
        var run = In("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, RunDirectory.MarkerFile), "");
        File.WriteAllLines(Path.Combine(run, "metrics.jsonl"), [$$"""{"epoch": 0, "arch": "{{Cell}}", "train_loss": 2.1}"""]);
        File.CreateSymbolicLink(Path.Combine(run, "figures"), elsewhere);
        var before = Snapshot(Root);

        var e = Assert.Throws<UserInputException>(() => RunReport.Write(run));
        Assert.Equal($"{Path.Combine(run, "figures")}: not a folder of the run (a link to {elsewhere}); report writes figures only into the run's own figures/ folder", e.Message);
        Assert.Equal(before, Snapshot(Root));
    }

    [Fact]
    public void Experiment_collect_refuses_an_experiment_whose_figures_folder_links_elsewhere_and_writes_nothing()
    {
        var elsewhere = In("my-pictures");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "accuracy.png"), "the user's own picture");
        var dir = new ExperimentDirectory(In("exp"));
        var plan = ExperimentPlan.Create("table1", "tiny", SearchPresets.Get("tiny"), 1, checkDataset: false);
        plan.WriteTo(dir);
        File.CreateSymbolicLink(dir.FiguresPath, elsewhere);
        var before = Snapshot(Root);

        var cli = CliHarness.Run("experiment", "collect", dir.Root);
        Assert.True(cli.ExitCode == 2, cli.ToString());
        Assert.Equal($"error: {dir.FiguresPath}: not a folder of the experiment (a link to {elsewhere}); collect writes figures only into the experiment's own figures/ folder",
            Assert.Single(cli.ErrLines));
        Assert.Equal(before, Snapshot(Root));
    }

    [Fact]
    public void Experiment_collect_refuses_a_folder_without_an_experiment_and_changes_nothing()
    {
        var folder = In("results");
        Directory.CreateDirectory(Path.Combine(folder, "runs", "mine-s0"));
        File.WriteAllLines(Path.Combine(folder, "runs", "mine-s0", "metrics.jsonl"), ["""{"epoch": 0}"""]);
        File.WriteAllText(Path.Combine(folder, "experiment.md"), "# My notes\n");
        File.WriteAllText(Path.Combine(folder, "runs.csv"), "mine\n");
        var before = Snapshot(folder);

        var cli = CliHarness.Run("experiment", "collect", folder);
        Assert.True(cli.ExitCode == 2, cli.ToString());
        Assert.StartsWith("error: ", Assert.Single(cli.ErrLines));
        Assert.Contains("holds no experiment", cli.ErrLines[0]);
        Assert.Equal(before, Snapshot(folder));
        Assert.False(Directory.Exists(Path.Combine(folder, "figures")));
    }

    [Fact]
    public void Report_removes_the_temporaries_a_killed_report_left_but_keeps_those_of_running_processes()
    {
        var run = runs.Copy(runs.VpDarts);
        var figures = Path.Combine(run, RunReport.FiguresFolder);
        Directory.CreateDirectory(figures);
        int deadPid;
        using (var finished = System.Diagnostics.Process.Start("true")!)
        {
            finished.WaitForExit();
            deadPid = finished.Id;
        }
        var staleFigure = Path.Combine(figures, $".cell.svg.{deadPid}.{Guid.NewGuid():N}.tmp");
        var staleReport = Path.Combine(run, $".report.md.{deadPid}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(figures, $".alpha.png.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var notOurs = Path.Combine(figures, ".notes.tmp");
        foreach (var file in new[] { staleFigure, staleReport, live, notOurs }) File.WriteAllText(file, "half a file");

        CliHarness.Succeeds("report", run);

        Assert.False(File.Exists(staleFigure), "a dead report's figure temporary is removed");
        Assert.False(File.Exists(staleReport), "a dead report's report.md temporary is removed");
        Assert.True(File.Exists(live), "the temporary of a running process is kept");
        Assert.True(File.Exists(notOurs), "a file not named as AtomicFile names temporaries is kept");
    }

    [Fact]
    public void The_regenerate_hint_in_report_md_quotes_a_folder_with_a_space_and_a_line_break_as_one_shell_word()
    {
        var copy = runs.Copy(runs.VpDarts);
        var run = Path.Combine(runs.Root, $"sp ace it's {Guid.NewGuid():N}\nnl");
        Directory.Move(copy, run);

        RunReport.Write(run);

        var quoted = ShellWord.Of(run);
        Assert.Equal("$'" + run.Replace("'", "\\'").Replace("\n", "\\n") + "'", quoted);
        var hint = File.ReadAllLines(Path.Combine(run, RunReport.ReportFile)).Single(l => l.Contains("Regenerate with", StringComparison.Ordinal));
        Assert.Contains($"vpdarts report {quoted}", hint);
        Assert.Equal("'a b'", ShellWord.Of("a b"));
        Assert.Equal("'it'\\''s'", ShellWord.Of("it's"));
        Assert.Equal("/tmp/plain-run_1", ShellWord.Of("/tmp/plain-run_1"));
    }
}
