using System.Text.Json.Nodes;
using VpDarts.Tests.Data;
using static TorchSharp.torch;

namespace VpDarts.Tests.Training;

/// <summary>The exported folder: names, shapes and parameter count in model.json, PyTorch weights, and bad folders.</summary>
public sealed class ModelExportTests
{
    private const string Best = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    private static ModelInput Input(int classes, int channels = 3) => new(32, Enumerable.Repeat(0.5f, channels).ToArray(),
        Enumerable.Repeat(0.25f, channels).ToArray(), Enumerable.Range(0, classes).Select(c => $"class{c}").ToArray(), "test");

    [Fact]
    public void ModelJsonListsEveryTensorAndCountsNb201Parameters()
    {
        set_num_threads(1);
        using var dir = new TempDir();
        using (var net = new DiscreteNetwork(Genotype.Uniform(Operation.Conv3x3), new NetworkShape(16, 5, 3, 10)))
            ModelExport.Save(dir.Path, net, Input(10));

        var json = JsonNode.Parse(File.ReadAllText(dir.In("model.json")))!;
        var parameters = json["parameters"]!.AsArray();
        var count = parameters.Sum(p => p!["shape"]!.AsArray().Aggregate(1L, (a, d) => a * d!.GetValue<long>()));
        Assert.Equal(1_531_546, count);
        Assert.Equal(1_531_546, json["parameter_count"]!.GetValue<long>());
        Assert.Equal("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", json["arch"]!.GetValue<string>());
        Assert.Equal((16, 5, 10, 3, 32), (json["channels"]!.GetValue<int>(), json["layers"]!.GetValue<int>(), json["classes"]!.GetValue<int>(),
            json["input_channels"]!.GetValue<int>(), json["input_size"]!.GetValue<int>()));

        // The names docs/MODEL_FORMAT.md documents.
        var names = parameters.Select(p => p!["name"]!.GetValue<string>()).ToList();
        var buffers = json["buffers"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()).ToList();
        Assert.Equal("stem.conv.weight", names[0]);
        Assert.Equal("classifier.bias", names[^1]);
        foreach (var name in new[] { "stem.bn.weight", "cells.0.edges.0.conv.weight", "cells.0.edges.5.bn.bias", "cells.5.conv_a.conv.weight",
                     "cells.5.conv_b.bn.weight", "cells.5.downsample.conv.weight", "cells.12.edges.3.conv.weight", "cells.11.conv_a.bn.bias", "lastact.bn.weight", "classifier.weight" })
            Assert.Contains(name, names);
        Assert.Contains("cells.16.edges.5.bn.running_var", buffers);
        Assert.Contains("stem.bn.num_batches_tracked", buffers);

        // The safetensors file holds exactly the listed tensors, with the listed shapes.
        var tensors = StateDictFiles.ReadSafetensors(dir.In("model.safetensors"));
        Assert.Equal(names.Concat(buffers).Order(), tensors.Keys.Order());
        foreach (var entry in parameters)
            Assert.Equal(entry!["shape"]!.AsArray().Select(d => d!.GetValue<long>()), tensors[entry["name"]!.GetValue<string>()].shape);
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public void PyTorchWeightsSurviveExportAndReloadNumberForNumber()
    {
        set_num_threads(1);
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        var weights = StateDictFiles.ReadSafetensors(Path.Combine(Shared.Golden, "discrete_best_N1_C4.weights.safetensors"));
        var expected = StateDictFiles.ReadSafetensors(Path.Combine(Shared.Golden, "discrete_best_N1_C4.expected.safetensors"));
        using (var net = new DiscreteNetwork(Genotype.Parse(Best), new NetworkShape(4, 1, 3, 10)))
        {
            Assert.Empty(StateDictFiles.CopyInto(net, weights, "golden"));
            ModelExport.Save(dir.Path, net, Input(10));
        }
        foreach (var format in new[] { ModelFormat.Safetensors, ModelFormat.TorchSharp })
        {
            using var model = ModelExport.Load(dir.Path, format);
            Assert.False(model.Network.training);
            using var noGrad = no_grad();
            var logits = model.Network.forward(expected["input"]);
            var relative = (logits - expected["logits_eval"]).norm().item<float>() / expected["logits_eval"].norm().item<float>();
            Assert.True(relative <= 1e-5, $"{format}: relative error {relative:E2}");
        }
    }

    private static string Exported(TempDir dir)
    {
        using var net = new DiscreteNetwork(Genotype.Parse(Best), new NetworkShape(4, 1, 3, 10));
        ModelExport.Save(dir.In("model"), net, Input(10));
        return dir.In("model");
    }

    private static void AssertOneLine(UserInputException e, string names)
    {
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(names, e.Message);
    }

    [Fact]
    public void AMissingFolderOrFileIsOneLineNamingIt()
    {
        using var dir = new TempDir();
        AssertOneLine(Assert.Throws<UserInputException>(() => ModelExport.Load(dir.In("nowhere"))), dir.In("nowhere"));
        var model = Exported(dir);
        File.Delete(Path.Combine(model, "model.bin"));
        AssertOneLine(Assert.Throws<UserInputException>(() => ModelExport.Load(model, ModelFormat.TorchSharp)), Path.Combine(model, "model.bin"));
        File.Delete(Path.Combine(model, "model.json"));
        AssertOneLine(Assert.Throws<UserInputException>(() => ModelExport.Load(model)), Path.Combine(model, "model.json"));
    }

    public static TheoryData<string, string, string> CorruptInfos() => new()
    {
        { "not json", "{ \"arch\": ", "model.json" },
        { "bad arch", "\"arch\": \"|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|\"", "unknown operation 'conv_5x5'" },
        { "wrong C", "\"channels\": 8", "does not fit arch, channels 8" },
        { "edges swapped", "\"arch\": \"|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|\"", "tensor list does not fit" },
        { "wrong type", "\"layers\": \"one\"", "key 'layers' expects a whole number" },
        { "classes", "\"class_names\": [\"a\"]", "class_names has 1 names for 10 classes" },
        { "version", "\"format_version\": 7", "format_version 7" },
    };

    [Theory]
    [MemberData(nameof(CorruptInfos))]
    public void ACorruptModelJsonIsOneLineNamingTheFile(string what, string replacement, string expected)
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var path = Path.Combine(model, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (what == "not json") File.WriteAllText(path, replacement);
        else
        {
            var (key, value) = JsonNode.Parse("{" + replacement + "}")!.AsObject().Single();
            json[key] = value!.DeepClone();
            File.WriteAllText(path, json.ToJsonString());
        }
        var e = Assert.Throws<UserInputException>(() => ModelExport.Load(model));
        AssertOneLine(e, path);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(ModelFormat.Safetensors)]
    [InlineData(ModelFormat.TorchSharp)]
    public void TruncatedWeightsAreOneLineNamingTheFile(ModelFormat format)
    {
        using var dir = new TempDir();
        var model = Exported(dir);
        var path = Path.Combine(model, ModelExport.FileName(format));
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..200]);
        AssertOneLine(Assert.Throws<UserInputException>(() => ModelExport.Load(model, format)), path);
    }
}
