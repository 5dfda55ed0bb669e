using VpDarts.Runs;

namespace VpDarts.Export;

/// <summary>
/// The model folder that a path given for a model names, for every command that takes one (<c>predict --model</c>,
/// <c>export</c>): a model folder (with <c>model.json</c>), a train run folder (its <c>model/</c>), a search run
/// trained with <c>--then-train</c> (its <c>train/model/</c>) or a <c>model.safetensors</c> file in a model folder.
/// Only reads: nothing is written into the run folder.
/// </summary>
public static class ModelFolder
{
    /// <summary>The model folder's name inside a train run (Training.TrainRun.ModelFolder, a higher layer).</summary>
    private const string InRun = "model";

    /// <summary>The train run's folder inside a search run trained with <c>--then-train</c>.</summary>
    private const string TrainInSearch = "train";

    /// <summary>Resolves <paramref name="path"/> to a model folder's full path.</summary>
    /// <param name="path">What the user gave.</param>
    /// <param name="option">What an error names when nothing is given, e.g. <c>--model</c>.</param>
    /// <exception cref="UserInputException">The path is missing or none of these; one line naming it.</exception>
    public static string Resolve(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UserInputException($"{option}: no run folder, model folder or model.safetensors given");
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (Path.GetFileName(full) != ModelExport.SafetensorsFile)
                throw new UserInputException(
                    $"{full}: not a {ModelExport.SafetensorsFile} file, a train run folder or a model folder");
            return Path.GetDirectoryName(full)!;
        }
        if (!Directory.Exists(full))
            throw new UserInputException(
                $"{full}: not found (expected a train run folder, a model folder or a {ModelExport.SafetensorsFile})");
        foreach (var candidate in new[] { full, Path.Combine(full, InRun), Path.Combine(full, TrainInSearch, InRun) })
            if (File.Exists(Path.Combine(candidate, ModelExport.InfoFile))) return candidate;
        var what = new RunDirectory(full).HoldsRun
            ? "a run with no finished training; a search trains its cell only with --then-train"
            : "neither a model folder nor a run folder";
        throw new UserInputException(
            $"{full}: no {ModelExport.InfoFile} here or in {InRun}/ or {TrainInSearch}/{InRun}/ ({what})");
    }
}
