using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VpDarts.Runtime;

namespace VpDarts.Runs;

/// <summary>
/// A run's folder: <c>config.json</c>, <c>metrics.jsonl</c> (one JSON object per epoch), <c>result.json</c>,
/// <c>checkpoints/</c>, and the marker <c>.vpdarts-run</c>. Every write is atomic. A new run never writes into a
/// folder that holds anything but a run it may replace (<see cref="ForNewRun"/>).
/// </summary>
public sealed class RunDirectory : IDisposable
{
    /// <summary>
    /// JSON settings used for every file of a run. Types resolve through <see cref="RunJsonContext"/>; reflection
    /// serves only types the context cannot list, such as the exported model's <c>model.json</c> (Export uses this
    /// namespace, so this namespace cannot name its types).
    /// </summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,  // arch strings keep their '+'
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RunJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    private static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    /// <summary>A file every run folder holds, so that <c>--force</c> only ever replaces a folder a run made.</summary>
    public const string MarkerFile = ".vpdarts-run";

    private bool _newRun;        // set by ForNewRun: the folder is checked again, under the lock, when it is created
    private bool _replace;       // --force: a run in the folder is replaced when this one starts
    private string _option = "--out";
    private string _command = "search";
    private string _writer = "vpdarts";
    private RunLock? _lock;
    private string? _aside;      // the replaced run's entries, kept until this run has written its config.json
    private IReadOnlyList<string>? _arguments;  // given to Create: the command that starts the run
    private readonly List<string> _notes = [];

    /// <summary>The run folder at <paramref name="path"/>; nothing is created until something is written.</summary>
    public RunDirectory(string path) => Root = Path.GetFullPath(path);

    /// <summary>
    /// The folder of a new run named by <paramref name="option"/>: it must not exist or be empty. A folder holding a
    /// run is refused (continue it with <c>--resume</c>) unless <paramref name="replace"/>, which replaces it when
    /// <see cref="Create"/> is called; a folder holding anything else is always refused, and so is a folder another
    /// process is using. Nothing is written here (a replacement an earlier process left half-done is undone first).
    /// </summary>
    public static RunDirectory ForNewRun(string path, string option, bool replace, string command)
    {
        var run = new RunDirectory(path)
        {
            _newRun = true, _replace = replace, _option = option, _command = command, _writer = $"vpdarts {command}"
        };
        if (File.Exists(run.Root)) throw new UserInputException($"{option} {run.Root}: a file, not a folder");
        if (!Directory.Exists(run.Root)) return run;
        RunLock.ThrowIfHeld(run.Root, option);
        if (RunFolderContents.IsAside(run.AsidePath))
            using (RunLock.Acquire(run.Root, option, run._writer)) run.Recover();
        run.CheckNewRun();
        return run;
    }

    /// <summary>
    /// The folder of an existing run named by <paramref name="option"/> (<c>--resume</c>): it must hold a
    /// <c>config.json</c>. With <paramref name="command"/> (<c>search</c>, <c>train</c>) the run is to be continued, so
    /// the folder is first locked for this object (<see cref="Lock"/>, released by <see cref="Dispose"/>); without, it
    /// is only read.
    /// </summary>
    public static RunDirectory ForResume(string path, string option, string? command = null)
    {
        var run = new RunDirectory(path) { _option = option, _command = command ?? "search" };
        if (!Directory.Exists(run.Root))
            throw new UserInputException($"{option} {run.Root}: no such folder, so nothing to resume");
        run.RequireRegularRecord(option);
        // Checked before the lock too, so that a folder holding no run never gets a lock file (a run an interrupted
        // --force moved aside still counts: the lock's recovery puts its config.json back).
        if (!File.Exists(run.ConfigPath) && !run.HoldsRun && !RunFolderContents.IsAside(run.AsidePath))
            throw new UserInputException($"{option} {run.Root}: no config.json there, so nothing to resume");
        try
        {
            if (command is not null) run.Lock(option, $"vpdarts {command} --resume");
            if (!File.Exists(run.ConfigPath))
                throw new UserInputException($"{option} {run.Root}: no config.json there, so nothing to resume");
        }
        catch
        {
            run.Dispose();
            throw;
        }
        return run;
    }

    /// <summary>
    /// Refuses a folder whose <c>config.json</c>, <c>metrics.jsonl</c> or <c>result.json</c> is there but is not a
    /// regular file (reading a named pipe blocks for ever, and a folder or a device holds no record), or whose
    /// <c>checkpoints</c> or <c>tensorboard</c> is there but is not a folder (found only after an epoch had run).
    /// </summary>
    /// <exception cref="UserInputException">One of them is not a regular file; the message names it and what it
    /// is.</exception>
    public void RequireRegularRecord(string option)
    {
        foreach (var path in new[] { ConfigPath, MetricsPath, ResultPath })
            if (RegularFile.KindOf(path) is var kind and not (FileKind.Missing or FileKind.Regular))
                throw new UserInputException($"{option} {Root}: {Path.GetFileName(path)} is " +
                                             $"{RegularFile.Describe(kind)}, not a regular file; a run's record is " +
                                             "read from regular files only");
        foreach (var path in new[] { CheckpointsPath, Path.Combine(Root, "tensorboard") })
            if (RegularFile.KindOf(path) is var kind and not (FileKind.Missing or FileKind.Folder))
                throw new UserInputException($"{option} {Root}: {Path.GetFileName(path)} is " +
                    $"{RegularFile.Describe(kind)}, not the folder a run writes there");
    }

    /// <summary>
    /// Takes the folder's one-writer lock (<see cref="RunLock"/>) for this object until it is disposed, as
    /// <paramref name="writer"/> (e.g. <c>vpdarts search</c>), and undoes a replacement that a dead process left
    /// half-done. Nothing else is written. Taking it again is a no-op.
    /// </summary>
    /// <exception cref="UserInputException">Another process holds the folder.</exception>
    public void Lock(string option, string? writer = null)
    {
        if (_lock is not null) return;
        _lock = RunLock.Acquire(Root, option, writer ?? _writer);
        try { Recover(); }
        catch
        {
            _lock.Dispose();
            _lock = null;
            throw;
        }
    }

    /// <summary>
    /// Throws when the folder this object holds the lock of is no longer at <see cref="Root"/> (moved, renamed or
    /// deleted while the run wrote it), so that nothing is written at the old path; does nothing when it holds no lock.
    /// </summary>
    /// <exception cref="UserInputException">The folder was moved or removed.</exception>
    public void RequireInPlace()
    {
        if (_lock is { } held && !held.StillAtItsPath())
            throw new UserInputException(
                $"{Root}: the run folder was moved or removed while the run wrote it; nothing more is written");
    }

    /// <summary>
    /// The arguments of the command that starts the run in this folder (as given, the program name left out), which a
    /// new run's provenance records: those given to <see cref="Create"/>, else this process's own.
    /// </summary>
    public IReadOnlyList<string> CommandArguments => _arguments ?? Environment.GetCommandLineArgs()[1..];

    /// <summary>Whether this object holds the folder's lock.</summary>
    public bool IsLocked => _lock is not null;

    /// <summary>What was done to the folder beyond the run's own files (a run put back), as lines for the
    /// user.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>
    /// Creates the folder, takes its lock (<see cref="Lock"/>) and marks it as a run. A new run's folder
    /// (<see cref="ForNewRun"/>) is checked again under the lock, so of two new runs on one folder only one starts, and
    /// a run it replaces is moved aside: deleted once this run has written its <c>config.json</c>, put back if it stops
    /// before. Called when the run is about to start, so a failure before that (bad data, a failed host check) leaves
    /// no folder. <paramref name="option"/> and <paramref name="writer"/> word errors and the lock's record;
    /// <paramref name="arguments"/>, the command line that starts the run, becomes <see cref="CommandArguments"/>.
    /// </summary>
    /// <exception cref="UserInputException">The folder cannot be created, is in use, or no longer suits a new
    /// run.</exception>
    public void Create(string? option = null, string? writer = null, IReadOnlyList<string>? arguments = null)
    {
        option ??= _option;
        if (arguments is not null) _arguments = arguments;
        try
        {
            Directory.CreateDirectory(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option} {Root}: cannot create the run folder ({OneLine.Of(e)})", e);
        }
        Lock(option, writer);
        if (_newRun)
        {
            CheckNewRun();
            if (!IsUnused) MoveAside(option);
            _newRun = false;
        }
        Mark();
    }

    /// <summary>
    /// Releases the folder's lock. A run this one was replacing is put back when this one never wrote its
    /// <c>config.json</c>; if that fails, the next command on the folder does it.
    /// </summary>
    public void Dispose()
    {
        try
        {
            if (_aside is not null && _lock is not null)
            {
                _aside = null;
                Recover();
            }
        }
        catch (UserInputException)
        {
            // Left for the next command on the folder, which puts the run back (Recover) before anything else.
        }
        finally
        {
            _lock?.Dispose();
            _lock = null;
        }
    }

    /// <summary>
    /// Whether the folder holds a vpdarts run: the marker, or (written before the marker existed) a <c>config.json</c>
    /// holding a search's or a training's settings with <c>checkpoints/epoch-NNNN</c> folders or metrics lines. Another
    /// tool's <c>config.json</c>, <c>checkpoints/</c> or metrics are no run. A marked folder whose <c>config.json</c>
    /// was damaged since is still a run, so that what reads it names the damage; <c>--force</c> refuses such a
    /// <c>config.json</c> as a file no run writes (<see cref="ForeignEntries"/>).
    /// </summary>
    public bool HoldsRun
    {
        get
        {
            if (File.Exists(Path.Combine(Root, MarkerFile))) return true;
            return RunFolderContents.IsRunConfig(ConfigPath) &&
                   (RunFolderContents.HasCheckpoints(CheckpointsPath)
                       || File.Exists(MetricsPath) && RunFolderContents.IsRunMetrics(MetricsPath));
        }
    }

    /// <summary>
    /// Missing, empty, or holding only the marker, the lock file and temporary files (a run that stopped before it
    /// wrote its settings).
    /// </summary>
    public bool IsUnused =>
        !Directory.Exists(Root) ||
        Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName)
            .All(name => name is MarkerFile or RunLock.FileName
                || RunFolderContents.IsTemporary(name!) && File.Exists(Path.Combine(Root, name!)));

    /// <summary>
    /// What the folder holds that no run writes (<see cref="RunFolderContents.Foreign"/>): paths relative to the
    /// folder, e.g. <c>notes.txt</c>, <c>model/pytorch_model.bin</c>, <c>config.json (not a vpdarts config)</c>.
    /// </summary>
    public IReadOnlyList<string> ForeignEntries() => RunFolderContents.Foreign(Root);

    private string AsidePath => Path.Combine(Root, RunFolderContents.AsideFolder);

    private void CheckNewRun()
    {
        if (IsUnused) return;
        if (!HoldsRun)
            throw new UserInputException(
                $"{_option} {Root}: the folder is not empty and holds no vpdarts run; choose a new or empty folder");
        if (!_replace)
            throw new UserInputException($"{_option} {Root}: already holds a run; continue it with 'vpdarts " +
                                         $"{HeldCommand()} --resume {ShellWord.Of(Root)}', or add " +
                                         "--force to replace it");
        var foreign = ForeignEntries();
        if (foreign.Count > 0)
            throw new UserInputException($"{_option} {Root}: --force replaces a run, but the folder also holds " +
                                         $"{string.Join(", ", foreign.Take(3))}" +
                                         $"{(foreign.Count > 3 ? $" and {foreign.Count - 3} more" : "")}; " +
                                         "move them or choose another folder");
        var train = Path.Combine(Root, "train");
        if (Directory.Exists(train)) RunLock.ThrowIfHeld(train, _option);
    }

    /// <summary>
    /// Moves the old run's entries into <see cref="RunFolderContents.AsideFolder"/>, <c>config.json</c> first, each by
    /// one rename; on a failure the moved ones go back, so the old run is as it was.
    /// </summary>
    private void MoveAside(string option)
    {
        var aside = AsidePath;
        var names = RunFolderContents.RunEntries.Concat(Temporaries().Select(p => Path.GetFileName(p)))
            .Where(name => Exists(Path.Combine(Root, name))).ToList();
        var moved = new List<string>();
        try
        {
            Directory.CreateDirectory(aside);
            // Written first: a folder of this name without it is not vpdarts's, and is never emptied or restored from.
            AtomicFile.WriteAllText(Path.Combine(aside, RunFolderContents.AsideManifest),
                string.Concat(names.Select(n => n + "\n")));
            foreach (var name in names)
            {
                Move(Path.Combine(Root, name), Path.Combine(aside, name));
                moved.Add(name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                // config.json last
                foreach (var name in Enumerable.Reverse(moved))
                    Move(Path.Combine(aside, name), Path.Combine(Root, name));
                if (Directory.Exists(aside))
                {
                    File.Delete(Path.Combine(aside, RunFolderContents.AsideManifest));
                    Directory.Delete(aside);
                }
            }
            catch (Exception back) when (back is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"{option} {Root}: --force could not move the old run aside " +
                                             $"({OneLine.Of(e)}), nor back ({OneLine.Of(back)}); its files are in " +
                                             $"{aside}, and the next vpdarts command on the folder puts them back", e);
            }
            throw new UserInputException($"{option} {Root}: --force could not move the old run aside " +
                $"({OneLine.Of(e)}); the old run is unchanged", e);
        }
        _aside = aside;
    }

    /// <summary>
    /// Finishes what a replacement left behind, under the lock (so the process that began it has ended, unless it is
    /// this object's own, pending one): once the new run has written its <c>config.json</c> the moved-aside copy is
    /// deleted; before that the old run is put back, <c>config.json</c> last, so an interrupted restore goes on next
    /// time.
    /// </summary>
    private void Recover()
    {
        var aside = AsidePath;
        if (_aside is not null || !Directory.Exists(aside)) return;
        if (!RunFolderContents.IsAside(aside))
            throw new UserInputException($"{_option} {Root}: holds a folder {RunFolderContents.AsideFolder} that " +
                                         $"vpdarts did not make (no {RunFolderContents.AsideManifest} in it); move " +
                                         "it out of the run folder");
        if (File.Exists(ConfigPath))
        {
            AtomicFile.TryDeleteDirectory(aside);
            return;
        }
        try
        {
            var entries = Directory.EnumerateFileSystemEntries(aside)
                .Where(e => Path.GetFileName(e) != RunFolderContents.AsideManifest)
                .OrderBy(e => Path.GetFileName(e) == "config.json").ThenBy(e => e, StringComparer.Ordinal).ToList();
            foreach (var entry in entries)
            {
                var target = Path.Combine(Root, Path.GetFileName(entry));
                // the new run's: the old one's went aside first
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
                else if (File.Exists(target)) File.Delete(target);
                Move(entry, target);
            }
            File.Delete(Path.Combine(aside, RunFolderContents.AsideManifest));
            Directory.Delete(aside);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{_option} {Root}: an interrupted --force left the old run in {aside}, and " +
                                         $"it cannot be put back ({OneLine.Of(e)}); move its files back by hand", e);
        }
        _notes.Add($"note: {Root}: put back the run that an interrupted --force was replacing");
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from)) Directory.Move(from, to);
        else File.Move(from, to);
    }

    /// <summary>
    /// A folder that already holds a run continues only under its own settings: other settings would train a
    /// different run on top of its checkpoints. <paramref name="requested"/> gives the settings asked for with the
    /// stored values of those that do not change the run (threads, cache folders); <paramref name="kind"/> ("a
    /// search") and <paramref name="command"/> ("search") word the error; <paramref name="resolve"/> fills the stored
    /// settings' unset values (an older config.json) before they are compared.
    /// </summary>
    public void RequireSameSettings<T>(Func<T, T> requested, string kind, string command,
        Func<T, T>? resolve = null) where T : class
    {
        if (!File.Exists(ConfigPath)) return;
        var stored = SettingsFile<T>.Load(ConfigPath);
        if (resolve is not null) stored = resolve(stored);
        var differences = SettingsFile<T>.Differences(stored, requested(stored));
        if (differences.Count > 0)
            throw new UserInputException($"{Root}: holds {kind} with other settings " +
                                         $"({string.Join("; ", differences)}); continue it with 'vpdarts {command} " +
                                         $"--resume {ShellWord.Of(Root)}' or start the new one in another folder");
    }

    /// <summary>Writes the run's settings and its <paramref name="provenance"/> to <c>config.json</c> and marks the
    /// folder as a run.</summary>
    public void WriteConfig<T>(T config, RunProvenance provenance)
    {
        AtomicFile.WriteAllText(ConfigPath, ConfigText(config, provenance));
        Mark();
        if (_aside is not null)
        {
            // The new run has started, so the run it replaces goes; a copy a failure here leaves is deleted by the next
            // command.
            AtomicFile.TryDeleteDirectory(_aside);
            _aside = null;
        }
    }

    /// <summary>
    /// The text of a <c>config.json</c>: every setting of <paramref name="config"/>, then the object
    /// <see cref="RunProvenance.Key"/> holding <paramref name="provenance"/>.
    /// </summary>
    public static string ConfigText<T>(T config, RunProvenance provenance)
    {
        var settings = JsonSerializer.SerializeToNode(config, Json)!.AsObject();
        settings[RunProvenance.Key] = JsonSerializer.SerializeToNode(provenance, Json);
        return settings.ToJsonString(Json) + "\n";
    }

    private void Mark()
    {
        var marker = Path.Combine(Root, MarkerFile);
        if (!File.Exists(marker))
            AtomicFile.WriteAllText(marker,
                "vpdarts run folder: config.json, metrics.jsonl, checkpoints/, result.json\n");
    }

    private IEnumerable<string> Temporaries() =>
        Directory.EnumerateFiles(Root).Where(path => RunFolderContents.IsTemporary(Path.GetFileName(path))).ToList();

    /// <summary>Absolute path of the folder.</summary>
    public string Root { get; }

    /// <summary>Settings file.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");
    /// <summary>Per-epoch metrics, one JSON object per line.</summary>
    public string MetricsPath => Path.Combine(Root, "metrics.jsonl");
    /// <summary>Final result.</summary>
    public string ResultPath => Path.Combine(Root, "result.json");
    /// <summary>Checkpoint folder.</summary>
    public string CheckpointsPath => Path.Combine(Root, "checkpoints");

    /// <summary>Writes an object as indented JSON, atomically.</summary>
    public static void WriteJson<T>(string path, T value)
        => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Json) + "\n");

    /// <summary>Reads the lines of a search's metrics file written so far.</summary>
    public IReadOnlyList<SearchEpochRecord> ReadSearchMetrics() => ReadMetrics<SearchEpochRecord>();

    /// <summary>Reads the lines of a training run's metrics file written so far.</summary>
    public IReadOnlyList<TrainEpochRecord> ReadTrainMetrics() => ReadMetrics<TrainEpochRecord>();

    private List<T> ReadMetrics<T>() where T : class
    {
        if (!File.Exists(MetricsPath)) return [];
        var lines = File.ReadAllLines(MetricsPath);
        var result = new List<T>();
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Trim().Length > 0) result.Add(RunJson.Parse<T>(lines[i], $"{MetricsPath}:{i + 1}"));
        return result;
    }

    /// <summary>Rewrites the metrics file with <paramref name="lines"/> (atomic, so an interrupted append loses
    /// nothing).</summary>
    /// <exception cref="UserInputException">The run's folder was moved or removed
    /// (<see cref="RequireInPlace"/>).</exception>
    public void WriteMetrics<T>(IEnumerable<T> lines)
    {
        RequireInPlace();
        AtomicFile.WriteAllText(MetricsPath,
            string.Concat(lines.Select(l => JsonSerializer.Serialize(l, JsonLine) + "\n")));
    }

    /// <summary>
    /// The command that made the run this folder holds, by its <c>config.json</c>: <c>search</c> (it names a method) or
    /// <c>train</c> (an arch and no method); the command at hand when that cannot be told.
    /// </summary>
    private string HeldCommand()
    {
        try
        {
            // a pipe would block
            if (RegularFile.KindOf(ConfigPath) == FileKind.Regular
                && JsonNode.Parse(File.ReadAllText(ConfigPath)) is JsonObject o)
                return o.ContainsKey("method") ? "search" : o.ContainsKey("arch") ? "train" : _command;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException
            or UserInputException) { }
        return _command;
    }
}
