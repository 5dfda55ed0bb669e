using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Proxies;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Experiments;

/// <summary>
/// <c>experiment proxies</c>: scores a seeded sample of NB201 cells with zero-cost proxies, one line per cell in the
/// folder's scores.jsonl, written as each cell is done, so a stopped experiment resumes at the next cell.
/// </summary>
public static class ProxyExperiment
{
    /// <summary>The settings file of an experiment folder.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>The scores file of an experiment folder.</summary>
    public const string ScoresFile = "scores.jsonl";

    private static readonly JsonSerializerOptions Line = new(RunDirectory.Json) { WriteIndented = false };

    /// <summary>
    /// Scores the cells of <paramref name="config"/> not yet in <paramref name="folder"/> on the first search-train
    /// batch of <paramref name="data"/> and returns every line, old and new, in sample order.
    /// </summary>
    /// <exception cref="UserInputException">The folder holds something else, another experiment's settings, or a
    /// scores file that does not follow the sample.</exception>
    public static IReadOnlyList<ProxyScoreLine> Run(string folder, ProxyExperimentConfig config, ISearchData data,
        Action<ProxyScoreLine> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(progress);
        var proxies = config.Proxies.Select(n => ZeroCostProxies.Find(n)
            ?? throw new UserInputException($"--proxy: unknown proxy '{n}'")).ToList();
        RefuseForeign(folder);  // before the lock, which would leave its file in a folder of someone else's
        Directory.CreateDirectory(folder);
        using var runLock = RunLock.Acquire(folder, "--out", "experiment proxies");
        Prepare(folder, config);
        var cells = CellSample.Draw(config.Sample, config.Seed);
        var lines = Read(folder, config, cells).ToList();
        if (lines.Count == cells.Count) return lines;

        var batch = data.TrainBatches(0, config.BatchSize).First();
        try
        {
            var shape = new NetworkShape(config.Channels, config.Layers, data.Channels, data.Classes);
            var proxyBatch = new ProxyBatch(batch.Images, batch.Labels);
            using var scores = new FileStream(Path.Combine(folder, ScoresFile), FileMode.Append, FileAccess.Write);
            for (var position = lines.Count; position < cells.Count; position++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cell = ProxyScorer.Score(cells[position], shape, config.InitSeed, proxyBatch, proxies);
                var line = new ProxyScoreLine
                {
                    Position = position, Arch = cell.Cell.ToString(),
                    Scores = cell.Scores.ToDictionary(s => s.Proxy, s => s.Score),
                    CpuSeconds = cell.Scores.ToDictionary(s => s.Proxy, s => s.CpuSeconds),
                };
                var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, Line) + "\n");
                scores.Write(bytes);
                scores.Flush(flushToDisk: true);
                lines.Add(line);
                progress(line);
            }
        }
        finally
        {
            batch.Images.Dispose();
            batch.Labels.Dispose();
        }
        return lines;
    }

    /// <summary>The lines of a finished or partial experiment folder, checked against its settings.</summary>
    public static IReadOnlyList<ProxyScoreLine> Read(string folder)
    {
        var config = ReadConfig(folder) ?? throw new UserInputException(
            $"{folder}: no {ConfigFile}; not a folder of vpdarts experiment proxies");
        return Read(folder, config, CellSample.Draw(config.Sample, config.Seed)).ToList();
    }

    /// <summary>The settings stored in <paramref name="folder"/>, or null when it has none.</summary>
    public static ProxyExperimentConfig? ReadConfig(string folder)
    {
        var path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<ProxyExperimentConfig>(File.ReadAllText(path), RunDirectory.Json)
                ?? throw new UserInputException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not valid JSON ({OneLine.Of(e)})");
        }
    }

    private static void RefuseForeign(string folder)
    {
        if (Directory.Exists(folder) && ReadConfig(folder) is null
            && Directory.EnumerateFileSystemEntries(folder).Any(e => Path.GetFileName(e) != RunLock.FileName))
            throw new UserInputException($"--out: {Path.GetFullPath(folder)} holds files but no {ConfigFile}; " +
                                         "experiment proxies writes only into a new folder or one it made");
    }

    /// <summary>Under the folder's lock: compares the stored settings with <paramref name="config"/>, or writes
    /// them into a folder that has none.</summary>
    private static void Prepare(string folder, ProxyExperimentConfig config)
    {
        RefuseForeign(folder);  // again: another process may have written into it before the lock was taken
        if (ReadConfig(folder) is not { } stored)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, ConfigFile),
                JsonSerializer.Serialize(config, RunDirectory.Json));
            return;
        }
        if (stored.Difference(config) is { } difference)
            throw new UserInputException($"--out: {Path.Combine(folder, ConfigFile)} disagrees with this " +
                $"command: {difference} (the folder's → this command's); use the same settings to resume, or " +
                "another --out");
    }

    private static IEnumerable<ProxyScoreLine> Read(string folder, ProxyExperimentConfig config,
        IReadOnlyList<Genotype> cells)
    {
        var path = Path.Combine(folder, ScoresFile);
        if (!File.Exists(path)) return [];
        var text = File.ReadAllText(path);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            text = text[..(text.LastIndexOf('\n') + 1)];  // a line cut short when a run was killed: scored again
            AtomicFile.WriteAllText(path, text);
        }
        var lines = new List<ProxyScoreLine>();
        foreach (var (raw, number) in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((l, i) => (l, i)))
        {
            ProxyScoreLine line;
            try
            {
                line = JsonSerializer.Deserialize<ProxyScoreLine>(raw, RunDirectory.Json)
                    ?? throw new UserInputException($"{path}: line {number + 1} is empty");
            }
            catch (JsonException e)
            {
                throw new UserInputException($"{path}: line {number + 1} is not valid JSON ({OneLine.Of(e)})");
            }
            if (number >= cells.Count || line.Position != number || line.Arch != cells[number].ToString())
                throw new UserInputException($"{path}: line {number + 1} holds cell {line.Position} " +
                    $"{line.Arch}, but the sample's cell {number} is " +
                    (number < cells.Count ? cells[number].ToString() : "past its end") +
                    "; the file was edited or belongs to another experiment");
            if (!config.Proxies.All(line.Scores.ContainsKey))
                throw new UserInputException($"{path}: line {number + 1} lacks a score of one of " +
                                             string.Join(", ", config.Proxies));
            lines.Add(line);
        }
        return lines;
    }
}
