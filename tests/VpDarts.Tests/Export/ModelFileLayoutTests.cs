using System.Text;
using System.Text.Json;
using System.Buffers.Binary;
using System.Text.Json.Nodes;
using TorchSharp.PyBridge;
using VpDarts.Tests.Data;
using VpDarts.Tests.Training;
using static TorchSharp.torch;

namespace VpDarts.Tests.Export;

/// <summary>The byte layout of model.safetensors (aligned data, __metadata__) and the names the ONNX metadata shares with model.json.</summary>
public sealed class ModelFileLayoutTests
{
    private static readonly string[] OnnxOnlyKeys = [OnnxExport.InputNormalizationKey, OnnxExport.VersionKey];

    /// <summary>The header length, the header bytes and the offset of the data, as a zero-copy reader sees them.</summary>
    private static (long Length, byte[] Header, long DataStart) Layout(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var length = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0, 8));
        return (length, bytes.AsSpan(8, (int)length).ToArray(), 8 + length);
    }

    [Fact]
    public void SafetensorsDataStartsAtAMultipleOfEightAndEveryTensorAtAMultipleOfItsElementSize()
    {
        using var dir = new TempDir();
        var folder = ExportedModels.Exported(dir);
        var file = Path.Combine(folder, ModelExport.SafetensorsFile);
        var (length, header, dataStart) = Layout(file);

        Assert.Equal(0, dataStart % 8);
        var text = Encoding.UTF8.GetString(header);
        var end = text.LastIndexOf('}') + 1;
        Assert.All(header[end..], b => Assert.Equal((byte)' ', b));
        var json = JsonNode.Parse(text)!.AsObject();
        var dataLength = new FileInfo(file).Length - dataStart;
        var tensors = json.Where(p => p.Key != "__metadata__").ToList();
        Assert.NotEmpty(tensors);
        foreach (var (name, entry) in tensors)
        {
            var begin = entry!["data_offsets"]![0]!.GetValue<long>();
            var size = entry["dtype"]!.GetValue<string>() switch { "F32" => 4, "I64" => 8, var d => throw new Xunit.Sdk.XunitException($"{name}: {d}") };
            // A Float32Array (or BigInt64Array) view over the file's buffer at dataStart + begin needs both aligned.
            Assert.True((dataStart + begin) % size == 0, $"{name} starts at file byte {dataStart + begin}");
            Assert.InRange(entry["data_offsets"]![1]!.GetValue<long>(), begin, dataLength);
        }
        Assert.True(length > 0);
    }

    [Fact]
    public void TheSafetensorsMetadataDescribesTheModelUnderModelJsonNames()
    {
        using var dir = new TempDir();
        var folder = ExportedModels.Exported(dir);
        var metadata = JsonNode.Parse(Layout(Path.Combine(folder, ModelExport.SafetensorsFile)).Header)!["__metadata__"]!.AsObject();
        Assert.Equal(ModelInfo.FormatName, metadata["format"]!.GetValue<string>());
        Assert.Equal(ExportedModels.Best, metadata["arch"]!.GetValue<string>());
        Assert.Equal("10", metadata["classes"]!.GetValue<string>());
        Assert.Equal("3", metadata["input_channels"]!.GetValue<string>());
        Assert.Equal("32", metadata["input_size"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(0, 10).Select(c => $"class{c}"), JsonSerializer.Deserialize<string[]>(metadata["class_names"]!.GetValue<string>())!);
        Assert.All(metadata, p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
        AssertSameAsModelJson(folder, metadata.Select(p => (p.Key, p.Value!.GetValue<string>())), []);
    }

    [Fact]
    public void ClassNamesLongerThanTheBoundStayOutOfTheSafetensorsMetadata()
    {
        set_num_threads(1);
        using var net = new DiscreteNetwork(Genotype.Parse(ExportedModels.Best), new NetworkShape(4, 1, 3, 300));
        var names = Enumerable.Range(0, 300).Select(c => $"a rather long class name {c}").ToArray();
        var info = ModelInfo.Describe(net, new ModelInput(32, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f], names, "test"));
        Assert.True(Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(names)) > ModelInfo.MaxMetadataClassNamesBytes);
        var metadata = info.SafetensorsMetadata().ToDictionary();
        Assert.DoesNotContain("class_names", metadata.Keys);
        Assert.Equal("300", metadata["classes"]);
        Assert.Contains("class_names", info.Entries().Select(e => e.Key));
    }

    [Fact]
    public void EveryOnnxMetadataKeyIsAModelJsonKeyWithTheSameValue()
    {
        set_num_threads(1);
        using var dir = new TempDir();
        using (var net = new DiscreteNetwork(Genotype.Parse(ExportedModels.Best), new NetworkShape(4, 1, 3, 10)))
            ModelExport.Save(dir.In("model"), net, new ModelInput(32, [0.5f, 0.4f, 0.3f], [0.25f, 0.2f, 0.15f],
                Enumerable.Range(0, 10).Select(c => $"class \"{c}\" é").ToArray(), "cifar10", ImageSize: 32,
                DataSha256: new string('a', 64)));
        var onnx = OnnxExport.WriteBeside(dir.In("model"));
        var metadata = OnnxRunner.Metadata(onnx);

        AssertSameAsModelJson(dir.In("model"), metadata.Select(p => (p.Key, p.Value)), OnnxOnlyKeys);
        foreach (var key in new[] { "arch", "channels", "layers", "classes", "input_channels", "input_size", "image_size", "mean", "std", "class_names", "dataset", "data_sha256" })
            Assert.Contains(key, metadata.Keys);
        foreach (var old in new[] { "num_classes", "cells_per_stage" })
            Assert.DoesNotContain(old, metadata.Keys);
        Assert.Equal(OnnxExport.ToolVersion, metadata[OnnxExport.VersionKey]);
    }

    [Fact]
    public void ImageSizeIsInTheOnnxMetadataOnlyWhenModelJsonHasIt()
    {
        using var dir = new TempDir();
        var onnx = OnnxExport.WriteBeside(ExportedModels.Exported(dir));
        var metadata = OnnxRunner.Metadata(onnx);
        Assert.DoesNotContain("image_size", metadata.Keys);
        Assert.Equal("32", metadata["input_size"]);
    }

    /// <summary>Each key (but <paramref name="except"/>) is a top-level key of model.json, and its value is model.json's: the string itself, or the JSON of a number or list.</summary>
    private static void AssertSameAsModelJson(string folder, IEnumerable<(string Key, string Value)> entries, string[] except)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ModelExport.InfoFile)))!.AsObject();
        foreach (var (key, value) in entries)
        {
            if (except.Contains(key)) continue;
            Assert.True(json.ContainsKey(key), $"'{key}' is not a key of model.json");
            var expected = json[key]!;
            if (expected.GetValueKind() == JsonValueKind.String) Assert.Equal(expected.GetValue<string>(), value);
            else Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(value)), $"'{key}': {value} differs from model.json's {expected.ToJsonString()}");
        }
    }

    [Fact]
    public void AnOldUnpaddedSafetensorsFileWithoutMetadataStillLoads()
    {
        set_num_threads(1);
        using var dir = new TempDir();
        var folder = ExportedModels.Exported(dir);
        var file = Path.Combine(folder, ModelExport.SafetensorsFile);
        using (var scope = NewDisposeScope())
        {
            var tensors = StateDictFiles.ReadSafetensors(file);
            Assert.Equal(0, tensors["classifier.weight"].ElementSize % 4);
            using var stream = File.Create(file);
            Safetensors.SaveStateDict(stream, tensors, leaveOpen: true);  // the writer model folders were written with before
        }
        var (_, header, dataStart) = Layout(file);
        Assert.Null(JsonNode.Parse(header)!["__metadata__"]);
        Assert.NotEqual(0, dataStart % 8);  // this layout is unaligned

        using var model = ModelExport.Load(folder);
        Assert.Equal(10, model.Info.Classes);
    }

    [Fact]
    public void AMetadataEntryThatIsNotAMapOfStringsIsRefused()
    {
        using var dir = new TempDir();
        var file = dir.In("model.safetensors");
        foreach (var metadata in new[] { """{"classes":10}""", "[]", "\"x\"" })
        {
            var header = Encoding.UTF8.GetBytes($$$"""{"__metadata__":{{{metadata}}},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""");
            File.WriteAllBytes(file, [.. BitConverter.GetBytes((ulong)header.Length), .. header, 0, 0, 0, 0]);
            var e = Assert.Throws<UserInputException>(() => WeightFileIndex.ReadSafetensors(file));
            Assert.Equal($"{file}: the safetensors header's __metadata__ is not a map of strings to strings", e.Message);
        }
        var good = Encoding.UTF8.GetBytes("""{"__metadata__":{"a":"b"},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}    """);
        File.WriteAllBytes(file, [.. BitConverter.GetBytes((ulong)good.Length), .. good, 0, 0, 0, 0]);
        Assert.Equal("w", Assert.Single(WeightFileIndex.ReadSafetensors(file)).Name);
    }

    [Fact]
    public void AnOldModelJsonWithALocalFolderPathLoadsAndPassesOnOnlyTheFolderName()
    {
        set_num_threads(1);
        using var dir = new TempDir();
        var folder = ExportedModels.Exported(dir);
        var infoFile = Path.Combine(folder, ModelExport.InfoFile);
        var json = JsonNode.Parse(File.ReadAllText(infoFile))!;
        json["dataset"] = "folder:/home/someone/private/pets/";
        File.WriteAllText(infoFile, json.ToJsonString());

        using (var model = ModelExport.Load(folder))
            Assert.Equal("folder:pets", model.Info.Dataset);
        var metadata = OnnxRunner.Metadata(OnnxExport.WriteBeside(folder));
        Assert.Equal("folder:pets", metadata["dataset"]);
        Assert.DoesNotContain(metadata.Values, v => v.Contains("/home/someone", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("folder:/home/someone/data", "folder:data")]
    [InlineData("folder:/home/someone/data/", "folder:data")]
    [InlineData("folder:/srv/pets.zip", "folder:pets.zip")]
    [InlineData(@"folder:C:\Users\someone\pets", "folder:pets")]
    [InlineData("folder:pets", "folder:pets")]
    [InlineData("cifar10", "cifar10")]
    [InlineData(null, null)]
    public void ASharedModelNamesAFolderDatasetByItsOwnName(string? spec, string? shared) =>
        Assert.Equal(shared, DatasetSpec.Shareable(spec));
}
