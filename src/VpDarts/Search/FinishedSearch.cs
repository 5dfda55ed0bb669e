using VpDarts.Runs;
using VpDarts.SearchSpace;

namespace VpDarts.Search;

/// <summary>
/// A finished search (its folder holds result.json) is not searched again: its recorded result is returned and
/// nothing is written.
/// </summary>
internal static class FinishedSearch
{
    /// <summary>The recorded result of the finished search in <paramref name="run"/>; a note says it is kept.</summary>
    public static SearchResult Result(RunDirectory run, IRunProgress progress)
    {
        var result = RunRecordCheck.Result<SearchResultRecord>(run);
        if (result.Arch is null) throw new UserInputException($"{run.ResultPath}: 'arch' is missing");
        if (!Genotype.TryParse(result.Arch, out var arch, out var error))
            throw new UserInputException($"{run.ResultPath}: 'arch': {error}");
        progress.Note($"the search in {run.Root} is finished (result.json); it is not searched again and its record " +
                      "is kept as it is");
        return new SearchResult(arch!, result.Nb201, result.SearchSeconds ?? 0, run.Root);
    }
}
