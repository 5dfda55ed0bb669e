using System.Text.Json;
using System.Text.Json.Nodes;

namespace VpDarts.Tests.Runs;

/// <summary>
/// The records of run files: they resolve through the generated context, write the keys, nesting and order that
/// earlier versions wrote, and a file that does not fit its record is one line naming the key.
/// </summary>
public sealed class RunRecordsTests
{
    public static TheoryData<Type> RunFileTypes() =>
    [
        typeof(SearchEpochRecord), typeof(SearchEpochSeconds), typeof(EpochDecisionRecord),
        typeof(Nb201Record), typeof(SearchResultRecord), typeof(SearchResultSeconds), typeof(TrainEpochRecord), typeof(TrainResultRecord),
        typeof(CheckpointManifest), typeof(CheckpointFileEntry), typeof(CheckpointState), typeof(StrategyState), typeof(MidEpochState),
        typeof(EpochSums),
    ];

    [Theory]
    [MemberData(nameof(RunFileTypes))]
    public void Every_run_file_type_resolves_through_the_generated_context(Type type)
    {
        Assert.NotNull(RunJsonContext.Default.GetTypeInfo(type));
        Assert.Same(RunJsonContext.Default, RunDirectory.Json.GetTypeInfo(type).OriginatingResolver);
    }

    private static readonly double?[][] Matrix =
        Enumerable.Range(0, 6).Select(e => Enumerable.Range(0, 5).Select(o => o == 0 ? null : (double?)(e + o / 8.0)).ToArray()).ToArray();

    private static JsonArray MatrixNode() =>
        new(Matrix.Select(row => (JsonNode)new JsonArray(row.Select(v => v is { } d ? (JsonNode)d : null).ToArray())).ToArray());

    [Fact]
    public void A_metrics_line_has_the_keys_in_the_order_earlier_versions_wrote()
    {
        var line = new SearchEpochRecord
        {
            Epoch = 2, Phase = "search", Lr = 0.01, TrainLoss = 2.25, TrainAcc = 12.5, ValidLoss = 2.5, ValidAcc = 10, Alpha = Matrix, Weights = Matrix,
            Arch = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|", SkipCount = 1, Nb201 = new Nb201Record { Cifar10Test = 50 },
            Images = 200, ImagesPerSecond = 400, Seconds = new SearchEpochSeconds { Ablation = 1, Train = 0.5, Total = 1.5 },
        }.WithDecision(new EpochDecisionRecord
        {
            ImportanceCriterion = "valid-accuracy", Importance = Matrix, AblationBase = 0.17f, AblationImages = 1250,
            Kept = "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|", Pruned = [new EdgeOp(0, 1), new EdgeOp(5, 4)], DecayFactor = 0.5, Seconds = 1,
        });
        var json = JsonNode.Parse(JsonSerializer.Serialize(line, RunDirectory.Json))!.AsObject();
        Assert.Equal(
            ["epoch", "phase", "lr", "train_loss", "train_acc", "valid_loss", "valid_acc", "alpha", "weights", "importance_criterion", "importance",
             "importance_estimate", "ablation_base", "ablation_images", "kept", "pruned", "decay_factor", "arch", "skip_count", "nb201", "images",
             "images_per_s", "seconds"],
            json.Select(p => p.Key));
        Assert.Equal(["ablation", "train", "total"], json["seconds"]!.AsObject().Select(p => p.Key));
        Assert.Equal("[[0,1],[5,4]]", json["pruned"]!.ToJsonString());
        Assert.Equal("0.17", json["ablation_base"]!.ToJsonString());  // a float, as the ablation measured it
        Assert.Null(json["importance_estimate"]);
        Assert.Equal(MatrixNode().ToJsonString(), json["alpha"]!.ToJsonString());
    }

    [Fact]
    public void A_mid_epoch_checkpoint_state_is_the_json_earlier_versions_wrote()
    {
        var decision = new EpochDecisionRecord
        {
            ImportanceCriterion = "valid-accuracy", Importance = Matrix, AblationBase = 16, AblationImages = 1250,
            Kept = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
            Pruned = [new EdgeOp(0, 0), new EdgeOp(3, 2)], DecayFactor = 0.5, Seconds = 1.25,
        };
        var alive = new bool[6, 5];
        alive[2, 3] = true;
        var state = new CheckpointState
        {
            Strategy = StrategyState.WithMask(alive) with { LastKept = decision.Kept },
            MidEpoch = new MidEpochState
            {
                Step = 3, Decision = decision, Rng = "AAEC",
                Sums = new EpochSums { TrainLoss = 7.5, TrainCorrect = 5, TrainSeen = 48, ValidLoss = 6.25, ValidCorrect = 4, ValidSeen = 48, Seconds = 0.75 },
            },
        };
        var earlier = new JsonObject
        {
            ["strategy"] = new JsonObject
            {
                ["alive"] = new JsonArray(Enumerable.Range(0, 6).Select(e => (JsonNode)new JsonArray(Enumerable.Range(0, 5).Select(o => (JsonNode)alive[e, o]).ToArray())).ToArray()),
                ["last_kept"] = decision.Kept,
            },
            ["mid_epoch"] = new JsonObject
            {
                ["step"] = 3,
                ["decision"] = new JsonObject
                {
                    ["importance_criterion"] = "valid-accuracy", ["importance"] = MatrixNode(), ["importance_estimate"] = null, ["ablation_base"] = 16f,
                    ["ablation_images"] = 1250L, ["kept"] = decision.Kept, ["pruned"] = new JsonArray(new JsonArray(0, 0), new JsonArray(3, 2)),
                    ["decay_factor"] = 0.5, ["seconds"] = 1.25,
                },
                ["sums"] = new JsonObject
                {
                    ["train_loss"] = 7.5, ["train_correct"] = 5L, ["train_seen"] = 48L, ["valid_loss"] = 6.25, ["valid_correct"] = 4L, ["valid_seen"] = 48L,
                    ["seconds"] = 0.75,
                },
                ["rng"] = "AAEC",
            },
        };
        Assert.Equal(earlier.ToJsonString(RunDirectory.Json), JsonSerializer.Serialize(state, RunDirectory.Json));
        var read = JsonSerializer.Deserialize<CheckpointState>(earlier.ToJsonString(), RunDirectory.Json)!;
        Assert.Equal(JsonSerializer.Serialize(state, RunDirectory.Json), JsonSerializer.Serialize(read, RunDirectory.Json));
    }

    [Fact]
    public void Darts_keeps_an_empty_strategy_state_and_a_missing_mask_means_every_op_alive()
    {
        Assert.Equal("{}", JsonSerializer.Serialize(new DartsStrategy().SaveState(), RunDirectory.Json));
        Assert.Equal("{}", JsonSerializer.Serialize(new CheckpointState(), RunDirectory.Json));
        Assert.True(new StrategyState().OpMask().Cast<bool>().All(a => a));
        var alive = new bool[6, 5];
        alive[4, 1] = true;
        Assert.Equal(alive, StrategyState.WithMask(alive).OpMask());
        Assert.Throws<InvalidOperationException>(() => new StrategyState { Alive = [[true, false]] }.OpMask());
    }

    [Fact]
    public void Settings_are_in_the_context_and_a_file_that_gives_some_keeps_the_defaults_of_the_rest()
    {
        Assert.NotNull(RunJsonContext.Default.GetTypeInfo(typeof(SearchConfig)));
        Assert.NotNull(RunJsonContext.Default.GetTypeInfo(typeof(TrainConfig)));
        Assert.Equal(new SearchConfig { Epochs = 3 }, SettingsFile<SearchConfig>.Parse("{\"epochs\": 3}", "settings"));
        Assert.Equal(new TrainConfig { Epochs = 3 }, JsonSerializer.Deserialize<TrainConfig>("{\"epochs\": 3}", RunDirectory.Json));
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"phase\": \"search\"}", "'epoch' is missing")]
    [InlineData("{\"epoch\": null}", "'epoch' is missing")]
    [InlineData("{\"epoch\": \"one\"}", "'epoch' is not an integer")]
    [InlineData("{\"epoch\": 1, \"lr\": \"fast\"}", "'lr' is not a number")]
    [InlineData("{\"epoch\": 1, \"arch\": 7}", "'arch' is not a string")]
    [InlineData("{\"epoch\": 1, \"seconds\": {\"train\": \"long\"}}", "'seconds.train' is not a number")]
    [InlineData("{\"epoch\": 1, \"seconds\": 3}", "'seconds' is not an object")]
    [InlineData("{\"epoch\": 1, \"nb201\": {\"cifar10_rank\": 1.5}}", "'nb201.cifar10_rank' is not an integer")]
    [InlineData("{\"epoch\": 1, \"weights\": [[1, 2, 3, 4, 5]]}", "'weights' is not a 6×5 matrix (6 edges × 5 operations)")]
    [InlineData("{\"epoch\": 1, \"alpha\": [[1, 2, 3, 4, \"x\"]]}", "'alpha' is not a 6×5 matrix (6 edges × 5 operations)")]
    [InlineData("{\"epoch\": 1, \"pruned\": [[1]]}", "'pruned' is not a list of [edge, op] pairs")]
    [InlineData("{\"epoch\": 1, \"pruned\": [[0, 5]]}", "'pruned' has an [edge, op] pair out of range ([0, 5])")]
    public void A_metrics_line_that_does_not_fit_names_the_key(string line, string problem)
    {
        var e = Assert.Throws<UserInputException>(() => RunJson.Parse<SearchEpochRecord>(line, "metrics.jsonl:3"));
        Assert.StartsWith($"metrics.jsonl:3: {problem}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("{\"format\": 1, \"epochs_done\": 2, \"files\": {\"model.bin\": {\"size\": \"big\", \"sha256\": \"" + Hash + "\"}}, \"state\": {}}",
        "'files.model.bin.size' is not an integer")]
    [InlineData("{\"format\": 1, \"epochs_done\": 2, \"files\": {\"model.bin\": {\"size\": 3}}, \"state\": {}}", "'files.model.bin.sha256' is missing")]
    [InlineData("{\"format\": 1, \"epochs_done\": 2, \"files\": {}}", "'state' is missing")]
    [InlineData("{\"format\": 1, \"epochs_done\": 2, \"files\": {}, \"state\": {\"mid_epoch\": {\"step\": 1}}}", "'state.mid_epoch.decision' is missing")]
    [InlineData("{\"format\": 1, \"epochs_done\": 2, \"files\": {}, \"state\": {\"strategy\": {\"alive\": [[true]]}}}", "'alive' is not a 6×5 op mask")]
    [InlineData("{\"format\": 2, \"epochs_done\": 2, \"files\": {}, \"state\": {}}", "'format' is not 1")]
    [InlineData("{\"format\": 1, \"epochs_done\": -1, \"files\": {}, \"state\": {}}", "'epochs_done' is not a count of epochs")]
    [InlineData("{\"format\": 1, \"epochs_done\": 2, \"files\": {\"model.bin\": {\"size\": 3, \"sha256\": \"abc\"}}, \"state\": {}}",
        "the SHA-256 of model.bin is not 64 hex digits")]
    public void A_checkpoint_manifest_that_does_not_fit_names_what_is_wrong(string manifest, string problem)
    {
        Assert.StartsWith(problem, RunJson.TryParse<CheckpointManifest>(manifest, out var read));
        Assert.Null(read);
    }
}
