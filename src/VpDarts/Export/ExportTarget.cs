using VpDarts.Runs;
using VpDarts.Runtime;

namespace VpDarts.Export;

/// <summary>
/// Where an export may write: never over a file it reads (the model folder's <c>model.json</c> and weight files) nor
/// into the record of the train run that holds the model folder (<c>config.json</c>, <c>metrics.jsonl</c>,
/// <c>result.json</c>, <c>checkpoints/</c>, …), whatever path names them: through links, <c>..</c> or a hard link.
/// The same holds for every other model folder (a folder holding <c>model.json</c>) and every other run folder that
/// holds the target, and for an existing target that is not a regular file (a device or a named pipe).
/// </summary>
public static class ExportTarget
{
    /// <summary>The files of a model folder that export reads or that belong with the weights.</summary>
    private static readonly string[] ModelFiles =
        [ModelExport.InfoFile, ModelExport.SafetensorsFile, ModelExport.TorchSharpFile];

    /// <summary>What a run writes beside its model folder (files and folders); <c>model/</c> itself may take the
    /// export.</summary>
    private static readonly string[] RunRecord =
        [RunDirectory.MarkerFile, RunLock.FileName, RunFolderContents.AsideFolder, "config.json", "metrics.jsonl",
            "result.json", "report.md", "checkpoints", "figures", "tensorboard", "train"];

    /// <summary>
    /// Refuses <paramref name="target"/> when it is, or lies inside, a file the export of the model folder
    /// <paramref name="modelFolder"/> reads or its run's record; <c>--force</c> does not change this.
    /// </summary>
    /// <exception cref="UserInputException">
    /// The target is such a file; the message names it and what it is, and the default file
    /// <paramref name="defaultFile"/> of the model folder that the export writes when <c>--out</c> is not given.
    /// </exception>
    public static void Check(string target, string modelFolder, string defaultFile = OnnxExport.FileName)
    {
        var full = Path.GetFullPath(target);
        var folder = Path.GetFullPath(modelFolder);
        foreach (var name in ModelFiles)
            if (Same(full, Path.Combine(folder, name)))
                throw new UserInputException($"--out: {full} is the model's {name}; export never writes over the " +
                                             $"model's own files ({string.Join(", ", ModelFiles)}): write the ONNX " +
                                             "model to another file (the default is " +
                                             $"{Path.Combine(folder, defaultFile)})");
        var kind = RegularFile.KindOf(full);
        if (kind is not (FileKind.Missing or FileKind.Regular or FileKind.Folder))
            throw new UserInputException($"--out: {full} is not a regular file ({RegularFile.Describe(kind)}); " +
                "export replaces only regular files: name another file");
        foreach (var path in new[] { full, FileIdentity.Resolved(full) }.Distinct())
        {
            var parent = Path.GetDirectoryName(path);
            if (parent is not null && File.Exists(Path.Combine(parent, ModelExport.InfoFile))
                && ModelFiles.Contains(Path.GetFileName(path)))
                throw new UserInputException($"--out: {full} is the {Path.GetFileName(path)} of the model folder " +
                                             $"{parent}; export never writes over a model's own files " +
                                             $"({string.Join(", ", ModelFiles)}): write the ONNX model to another " +
                                             $"file (the default is {Path.Combine(folder, defaultFile)})");
            for (var runRoot = parent; runRoot is not null; runRoot = Path.GetDirectoryName(runRoot))
                CheckRecord(full, runRoot, folder, defaultFile);
        }
        if (Path.GetDirectoryName(folder) is { } ownRun) CheckRecord(full, ownRun, folder, defaultFile);
    }

    /// <summary>Refuses <paramref name="full"/> when <paramref name="runRoot"/> holds a run and the target is part of
    /// its record.</summary>
    private static void CheckRecord(string full, string runRoot, string folder, string defaultFile)
    {
        if (!new RunDirectory(runRoot).HoldsRun) return;
        foreach (var name in RunRecord)
        {
            var entry = Path.Combine(runRoot, name);
            if (name == "train" && FileIdentity.IsWithin(folder, entry)) continue;  // search --then-train's model
            if (Same(full, entry) || FileIdentity.IsWithin(full, entry))
                throw new UserInputException($"--out: {full} would overwrite the run's " +
                                             $"{name}{(Directory.Exists(entry) ? "/" : "")} in {runRoot}; write the " +
                                             "ONNX model to another file (the default is " +
                                             $"{Path.Combine(folder, defaultFile)})");
        }
        // Anything else inside a run folder would be a file no run writes, which a later --force refuses to replace.
        if (FileIdentity.IsWithin(full, runRoot) && !FileIdentity.IsWithin(full, folder))
            throw new UserInputException($"--out: {full} lies inside the run folder {runRoot}; export writes into a " +
                                         "run folder only in the exported model's folder: write the ONNX model there " +
                                         "or outside the run (the default is " +
                                         $"{Path.Combine(folder, defaultFile)})");
    }

    /// <summary>The same file by device and inode when both exist, else the same path once links and <c>..</c> are
    /// resolved.</summary>
    private static bool Same(string target, string file) =>
        FileIdentity.SameFile(target, file) || FileIdentity.Resolved(target) == FileIdentity.Resolved(file);
}
