using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using MarkdownTable = Markdig.Extensions.Tables.Table;
using TableRow = Markdig.Extensions.Tables.TableRow;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace VpDarts.Tests.Reporting;

/// <summary>
/// Strings read from run files land in report.md and experiment.md as text: rendered as GitHub-flavoured Markdown
/// (Markdig, with its advanced extensions: tables, autolinks), they make no tag, link, image or table cell, and
/// control characters show. Invalid arch strings are reported as such.
/// </summary>
[Collection(ReportingCollection.Name)]
public sealed class ReportEscapingTests(ReportingRuns runs)
{
    /// <summary>A backtick to close a code span, an image with a script, a javascript: link, a table pipe, ESC, a bidi override, a line separator.</summary>
    private const string Hostile = "` <img src=x onerror=alert(1)> [x](javascript:alert(2)) | \u001b[31m red \u202E evil \u2028 `";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static string WithHostileRecords(string run)
    {
        var metrics = Path.Combine(run, "metrics.jsonl");
        File.WriteAllLines(metrics, File.ReadAllLines(metrics).Select(line =>
        {
            var m = JsonNode.Parse(line)!.AsObject();
            m["arch"] = Hostile;
            m["phase"] = m["phase"]!.GetValue<string>() == "search" ? Hostile : "warm-up";
            if (m["importance_criterion"] is not null) m["importance_criterion"] = "<script>alert(3)</script>";
            return m.ToJsonString();
        }));
        var resultPath = Path.Combine(run, "result.json");
        var result = JsonNode.Parse(File.ReadAllText(resultPath))!.AsObject();
        result["arch"] = Hostile;
        result["dataset"] = "<b>data</b> `x";
        result["final_importance_criterion"] = "<script>alert(4)</script>";
        File.WriteAllText(resultPath, result.ToJsonString());
        var configPath = Path.Combine(run, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["a_note`<img src=y>"] = Hostile;
        // As in a run of an earlier version, which records no run id: this run's result.json is not checked against its config.json.
        config["provenance"]!.AsObject().Remove("run_id");
        File.WriteAllText(configPath, config.ToJsonString());
        return run;
    }

    /// <summary>The checks every report with hostile strings must pass, on the Markdown and on its HTML.</summary>
    private static void AssertInert(string markdown)
    {
        Assert.DoesNotContain("<img", markdown);
        Assert.DoesNotContain("<script", markdown);
        Assert.DoesNotContain("](javascript:", markdown);
        foreach (var c in markdown.Where(c => c != '\n')) Assert.False(MarkdownText.IsInvisible(c), $"U+{(int)c:X4} written raw");

        var html = Markdown.ToHtml(markdown, Pipeline);
        Assert.DoesNotMatch(new Regex("<img(?![^>]*src=\"figures/)"), html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:alert(2)\"", html);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);  // shown, as text

        // No code span holds the hostile text (a backtick did not close one early), and every table row has the
        // header's number of cells (no pipe split one).
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var code in document.Descendants<CodeInline>()) Assert.DoesNotContain("onerror", code.Content);
        foreach (var table in document.Descendants<MarkdownTable>())
        {
            var rows = table.OfType<TableRow>().ToList();
            Assert.All(rows, row => Assert.Equal(rows[0].Count, row.Count));
        }
    }

    [Fact]
    public void Hostile_strings_in_metrics_result_and_config_are_text_in_report_md_and_invalid_archs_are_named()
    {
        var run = WithHostileRecords(runs.Copy(runs.VpDarts));
        var output = RunReport.Write(run);
        var report = File.ReadAllText(output.ReportPath);

        AssertInert(report);
        Assert.Contains("`result.json` holds an invalid arch string (arch string has 1 node groups separated by '+'", report);
        Assert.Contains("No valid arch string was recorded.", report);
        var rows = report.Split('\n').Where(l => Regex.IsMatch(l, @"^\| \d+ \|")).ToList();
        Assert.Equal(ReportingRuns.VpEpochs, rows.Count(r => r.Contains("| invalid arch string (", StringComparison.Ordinal)));
        Assert.Contains(@"\u001b&#91;31m red \u202e evil \u2028", report);
        Assert.Contains("# Search report: vp-darts on &lt;b&gt;data&lt;/b&gt; \\`x", report);

        // The figures that show the criterion keep it as SVG text: well-formed, with no element the text made.
        foreach (var svg in Directory.GetFiles(Path.Combine(run, "figures"), "*.svg"))
        {
            var doc = System.Xml.Linq.XDocument.Load(svg);
            Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "img" or "a" or "foreignObject");
        }
        var epochFigure = System.Xml.Linq.XDocument.Load(Path.Combine(run, "figures", "importance-epoch.svg"));
        Assert.Contains(epochFigure.Descendants(), e => e.Name.LocalName == "text" && e.Value.Trim() == "<script>alert(3)</script>");
    }

    [Fact]
    public void A_valid_arch_keeps_its_code_span_and_an_invalid_final_arch_is_named_beside_the_last_epochs_cell()
    {
        var run = runs.Copy(runs.VpDarts);
        var lastArch = JsonNode.Parse(File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Last())!["arch"]!.GetValue<string>();
        var resultPath = Path.Combine(run, "result.json");
        var result = JsonNode.Parse(File.ReadAllText(resultPath))!.AsObject();
        result["arch"] = "|nor_conv_3x3~0|+|bogus~0|";
        File.WriteAllText(resultPath, result.ToJsonString());

        var report = File.ReadAllText(RunReport.Write(run).ReportPath);
        Assert.Contains("`result.json` holds an invalid arch string (arch string has 2 node groups", report);
        Assert.Contains($"The cell below is the one after epoch {ReportingRuns.VpEpochs}.", report);
        Assert.Contains($"`{lastArch}` — ", report);
        var document = Markdown.Parse(report, Pipeline);
        Assert.Contains(document.Descendants<CodeInline>(), c => c.Content == lastArch);
    }

    [Fact]
    public void A_train_runs_report_escapes_its_config()
    {
        var run = Directory.CreateTempSubdirectory("vpdarts-train-report-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(run, RunDirectory.MarkerFile), "");
            File.WriteAllText(Path.Combine(run, "config.json"),
                new JsonObject { ["arch"] = Hostile, ["dataset"] = "<img src=x onerror=alert(1)>", ["epochs"] = 2, ["note`|"] = Hostile }.ToJsonString());
            File.WriteAllLines(Path.Combine(run, "metrics.jsonl"),
                ["{\"epoch\": 0, \"lr\": 0.1, \"train_loss\": 2.0, \"train_acc\": 20, \"seconds\": 1}", "{\"epoch\": 1, \"lr\": 0.05, \"train_loss\": 1.5, \"train_acc\": 40, \"seconds\": 1}"]);
            var report = File.ReadAllText(RunReport.Write(run).ReportPath);
            AssertInert(report);
            Assert.StartsWith("# Training report: &lt;img src=x onerror=alert(1)&gt;\n", report);
            Assert.Contains("Cell: invalid arch string (", report);
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    [Fact]
    public void Experiment_md_shows_a_hostile_result_arch_and_failure_reason_as_text_and_runs_csv_keeps_them_whole()
    {
        var root = Directory.CreateTempSubdirectory("vpdarts-escape-exp-").FullName;
        try
        {
            var dir = new ExperimentDirectory(Path.Combine(root, "exp"));
            var plan = ExperimentPlan.Create("table1", "tiny", SearchPresets.Get("tiny"), 1, checkDataset: false);
            plan.WriteTo(dir);
            var reason = "bad data: <img src=x onerror=alert(1)> [x](javascript:alert(2)), \"quoted\" \u001b[2J";
            Directory.CreateDirectory(Path.GetDirectoryName(dir.FailurePath(plan.Specs[0]))!);
            File.WriteAllText(dir.FailurePath(plan.Specs[0]), new JsonObject { ["reason"] = reason }.ToJsonString());
            foreach (var spec in plan.Specs.Skip(1))
            {
                var run = dir.RunPath(spec);
                Directory.CreateDirectory(run);
                File.WriteAllLines(Path.Combine(run, "metrics.jsonl"), ["{\"epoch\": 0}"]);
                File.WriteAllText(Path.Combine(run, "result.json"), new JsonObject { ["arch"] = Hostile }.ToJsonString());
            }

            ExperimentReport.Write(plan, dir, null);
            var md = File.ReadAllText(dir.ReportPath);
            AssertInert(md);
            Assert.Contains("result.json: 'arch' arch string has 1 node groups", md);  // the runs are unreadable, and the reason says why

            var csv = File.ReadAllText(dir.In("runs.csv"));
            using var reader = CsvHelper.CsvReader.FromText(csv, MarkdownTextTests.StrictCsv);
            var problems = new List<string>();
            while (reader.Read()) problems.Add(reader.GetString("problem"));
            Assert.Equal(plan.Specs.Count, problems.Count);
            Assert.Equal(reason.Replace("\u001b", "\\u001b", StringComparison.Ordinal), problems[0]);  // collect shows control characters as escapes
            Assert.All(problems.Skip(1), p => Assert.Contains("onerror=alert(1)", p));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
