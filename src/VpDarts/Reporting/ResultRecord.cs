using System.Text.Json.Nodes;

namespace VpDarts.Reporting;

/// <summary><c>result.json</c>, typed.</summary>
internal sealed record ResultRecord
{
    public string? Arch { get; init; }
    public string? Method { get; init; }
    public string? K { get; init; }
    public string? Dataset { get; init; }
    public int? Seed { get; init; }
    public int? Epochs { get; init; }
    public int? SkipCount { get; init; }
    public JsonObject? Nb201 { get; init; }
    public string? FinalImportanceCriterion { get; init; }
    public double[,]? FinalImportance { get; init; }
    public double? SearchSeconds { get; init; }
    public double? AblationSeconds { get; init; }
    public double? TrainSeconds { get; init; }
    public double? FinalSelectionSeconds { get; init; }

    public static ResultRecord From(JsonFields f)
    {
        var seconds = f.Fields("seconds");
        return new ResultRecord
        {
            Arch = f.Text("arch"),
            Method = f.Text("method"),
            K = f.Text("k"),
            Dataset = f.Text("dataset"),
            Seed = f.Integer("seed"),
            Epochs = f.Integer("epochs"),
            SkipCount = f.Integer("skip_count"),
            Nb201 = f.Child("nb201"),
            FinalImportanceCriterion = f.Text("final_importance_criterion"),
            FinalImportance = f.EdgeMatrix("final_importance"),
            SearchSeconds = f.Number("search_seconds"),
            AblationSeconds = seconds?.Number("ablation"),
            TrainSeconds = seconds?.Number("train"),
            FinalSelectionSeconds = seconds?.Number("final_selection"),
        };
    }
}
