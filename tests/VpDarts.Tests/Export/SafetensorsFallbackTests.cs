using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace VpDarts.Tests.Export;

/// <summary>
/// The standard-library reader of <c>model.safetensors</c> that docs/MODEL_FORMAT.md shows for machines without the
/// <c>safetensors</c> package, taken from the document as it stands and run with PyTorch.
/// </summary>
public sealed class SafetensorsFallbackTests() : TempFolderTests("vpdarts-st-fallback-")
{
    private const string Marker = "<!-- safetensors-fallback -->";

    /// <summary>The fenced Python block after <paramref name="marker"/> (or the first one holding it).</summary>
    private static string Snippet(string marker)
    {
        var text = File.ReadAllText(Path.Combine(Shared.RepoRoot, "docs", "MODEL_FORMAT.md")).Replace("\r\n", "\n");
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/MODEL_FORMAT.md has no {marker}");
        var start = text.LastIndexOf("```python\n", at, StringComparison.Ordinal);
        if (marker == Marker) start = text.IndexOf("```python\n", at, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no python block at {marker}");
        start += "```python\n".Length;
        var end = text.IndexOf("\n```", start, StringComparison.Ordinal);
        return text[start..end] + "\n";
    }

    private static (int Code, string Out, string Err) Python3(params string[] arguments) =>
        ChildProcess.Run("python3", arguments, TimeSpan.FromMinutes(5), []);

    [PythonFact]
    public void TheSnippetsAreValidPython()
    {
        var fallback = Snippet(Marker);
        Assert.Contains("def load_file(path)", fallback);
        Assert.Contains("__metadata__", fallback);
        Assert.DoesNotContain("safetensors.torch", fallback);
        foreach (var (name, code) in new[] { ("fallback.py", fallback), ("network.py", Snippet("class Network(")) })
        {
            File.WriteAllText(In(name), code);
            var (exit, _, err) = Python3("-m", "py_compile", In(name));
            Assert.True(exit == 0, $"{name} does not compile:\n{err}");
        }
    }

    [PyTorchFact]
    public void TheSnippetReadsTheExportedTensorsExactly()
    {
        set_num_threads(1);
        using var net = new DiscreteNetwork(Genotype.Parse(
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|"),
            new NetworkShape(4, 1, 3, 10));
        using (var scope = NewDisposeScope())
        using (no_grad())
            foreach (var (name, buffer) in net.named_buffers())
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.uniform_(0.5, 2.0);
        ModelExport.Save(In("model"), net, new ModelInput(32, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f],
            Enumerable.Range(0, 10).Select(c => $"class{c}").ToArray(), "test"));
        var file = Path.Combine(In("model"), ModelExport.SafetensorsFile);
        File.WriteAllText(In("read.py"), Snippet(Marker) + """

            import sys
            tensors = load_file(sys.argv[1])
            print(json.dumps({name: {"dtype": str(t.dtype), "shape": list(t.shape), "values": t.flatten().tolist()}
                              for name, t in tensors.items()}))
            """);
        var expected = net.state_dict();

        // as written, and with the header padded with spaces and a __metadata__ entry, as safetensors allows
        foreach (var path in new[] { file, Padded(file, In("padded.safetensors")) })
        {
            var (exit, stdout, err) = Python3(In("read.py"), path);
            Assert.True(exit == 0, err);
            var read = JsonNode.Parse(stdout)!.AsObject();
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), read.Select(p => p.Key).Order(StringComparer.Ordinal));
            foreach (var (name, tensor) in expected)
            {
                var entry = read[name]!;
                Assert.Equal(tensor.shape, entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()));
                var values = entry["values"]!.AsArray();
                if (tensor.dtype == ScalarType.Int64)
                {
                    Assert.Equal("torch.int64", entry["dtype"]!.GetValue<string>());
                    Assert.Equal(tensor.data<long>().ToArray(), values.Select(v => v!.GetValue<long>()));
                }
                else
                {
                    Assert.Equal("torch.float32", entry["dtype"]!.GetValue<string>());
                    Assert.Equal(tensor.data<float>().ToArray(), values.Select(v => (float)v!.GetValue<double>()));
                }
            }
        }
    }

    /// <summary>A copy of the safetensors file <paramref name="from"/> whose header gains a <c>__metadata__</c> entry
    /// and trailing spaces up to a multiple of 8 bytes.</summary>
    private static string Padded(string from, string to)
    {
        var bytes = File.ReadAllBytes(from);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, length))!.AsObject();
        var withMetadata = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        foreach (var (name, value) in header) withMetadata[name] = value?.DeepClone();
        var json = Encoding.UTF8.GetBytes(withMetadata.ToJsonString()).ToList();
        while (json.Count % 8 != 7) json.Add((byte)' ');
        json.Add((byte)' ');
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)json.Count);
        File.WriteAllBytes(to, [.. prefix, .. json, .. bytes.AsSpan(8 + length)]);
        return to;
    }
}
