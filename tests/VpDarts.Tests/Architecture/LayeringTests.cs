using Mono.Cecil;

namespace VpDarts.Tests.Architecture;

/// <summary>
/// The namespaces depend one way (docs/ARCHITECTURE.md). These tests read the compiled VpDarts.dll and
/// VpDarts.Cli.dll and fail when a type uses a type of a higher layer, or when namespaces of one layer use each
/// other in a cycle, so a shortcut across the layers shows up here and not in the next person's change.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Lowest first; a namespace may use its own layer and those before it.</summary>
    internal static readonly string[][] Layers =
    [
        ["VpDarts", "VpDarts.Runtime"],
        ["VpDarts.SearchSpace"],
        ["VpDarts.Models", "VpDarts.Optimizers"],
        ["VpDarts.Data", "VpDarts.Runs", "VpDarts.Benchmark", "VpDarts.Export", "VpDarts.Diagnostics", "VpDarts.Proxies"],
        ["VpDarts.Importance"],
        ["VpDarts.Strategies"],
        ["VpDarts.Methods"],
        ["VpDarts.Search"],
        ["VpDarts.Training", "VpDarts.Experiments"],
        ["VpDarts.Reporting"],
        ["VpDarts.Cli"],
    ];

    private static readonly Lazy<IReadOnlyList<(string From, string To, string Where)>> Uses = new(ReadUses);

    [Fact]
    public void EveryNamespaceHasALayer()
    {
        var unplaced = Uses.Value.SelectMany(u => new[] { u.From, u.To }).Distinct().Where(ns => LayerOf(ns) is null).ToList();
        Assert.True(unplaced.Count == 0, "namespaces without a layer in LayeringTests.Layers: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void NoTypeUsesAHigherLayer()
    {
        var upward = Uses.Value
            .Where(u => LayerOf(u.From) is { } from && LayerOf(u.To) is { } to && to > from)
            .Select(u => $"{u.Where} ({Top(u.From)}) uses {u.To} ({Top(u.To)})")
            .Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.True(upward.Count == 0, "uses of a higher layer:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void NamespacesFormNoCycle()
    {
        var edges = Uses.Value.Select(u => (From: Top(u.From), To: Top(u.To))).Where(e => e.From != e.To).Distinct()
            .GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var state = new Dictionary<string, int>();  // 1: on the current path, 2: done
        var path = new List<string>();
        string? cycle = null;
        void Visit(string ns)
        {
            state[ns] = 1;
            path.Add(ns);
            foreach (var next in edges.GetValueOrDefault(ns, []))
            {
                if (cycle is not null) return;
                if (state.GetValueOrDefault(next) == 1) cycle = string.Join(" -> ", path.SkipWhile(p => p != next).Append(next));
                else if (state.GetValueOrDefault(next) == 0) Visit(next);
            }
            path.RemoveAt(path.Count - 1);
            state[ns] = 2;
        }
        foreach (var ns in edges.Keys.Where(ns => state.GetValueOrDefault(ns) == 0)) Visit(ns);
        Assert.True(cycle is null, "namespace cycle: " + cycle);
    }

    [Fact]
    public void TheScanSeesTheKnownUses()
    {
        // The reader must see uses through signatures, bodies and generic arguments, or the tests above prove nothing.
        Assert.Contains(Uses.Value, u => u.From == "VpDarts.Search" && u.To == "VpDarts.Strategies");
        Assert.Contains(Uses.Value, u => u.From == "VpDarts.Strategies" && u.To == "VpDarts.Importance");
        Assert.Contains(Uses.Value, u => u.From == "VpDarts.Cli.Commands" && u.To == "VpDarts.Search");
        Assert.Equal(10, LayerOf("VpDarts.Cli.Commands"));
        Assert.Equal(9, LayerOf("VpDarts.Reporting.Figures"));
    }

    /// <summary>The layer of a namespace: that of the longest listed prefix.</summary>
    internal static int? LayerOf(string ns)
    {
        var top = Top(ns);
        for (var i = 0; i < Layers.Length; i++)
            if (Layers[i].Contains(top)) return i;
        return null;
    }

    private static string Top(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 1 ? parts[0] + "." + parts[1] : ns;
    }

    private static IReadOnlyList<(string, string, string)> ReadUses()
    {
        var folder = AppContext.BaseDirectory;
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(folder);
        var parameters = new ReaderParameters { AssemblyResolver = resolver };
        var uses = new List<(string, string, string)>();
        foreach (var file in new[] { "VpDarts.dll", "VpDarts.Cli.dll" })
        {
            using var assembly = AssemblyDefinition.ReadAssembly(Path.Combine(folder, file), parameters);
            foreach (var type in assembly.MainModule.GetTypes())
            {
                var from = NamespaceOf(type);
                if (from is null) continue;
                foreach (var used in Referenced(type).Where(t => t is not null).SelectMany(Expand))
                    if (NamespaceOf(used) is { } to && to != from)
                        uses.Add((from, to, Outermost(type).FullName));
            }
        }
        return uses;
    }

    /// <summary>The project namespace a type lives in (a nested type: its outer type's); null outside the project.</summary>
    private static string? NamespaceOf(TypeReference type)
    {
        var outer = Outermost(type);
        var ns = outer.Namespace ?? "";
        return ns == "VpDarts" || ns.StartsWith("VpDarts.", StringComparison.Ordinal) ? ns : null;
    }

    /// <summary>A type and every type it is built from (generic arguments, array and by-ref element types).</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        if (type is null or GenericParameter) yield break;
        yield return type;
        if (type is GenericInstanceType generic)
            foreach (var inner in generic.GenericArguments.SelectMany(Expand)) yield return inner;
        if (type is TypeSpecification spec)
            foreach (var inner in Expand(spec.ElementType)) yield return inner;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var f in type.Fields) yield return f.FieldType;
        foreach (var p in type.Properties) yield return p.PropertyType;
        foreach (var m in type.Methods)
        {
            yield return m.ReturnType;
            foreach (var p in m.Parameters) yield return p.ParameterType;
            foreach (var a in m.CustomAttributes) yield return a.AttributeType;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) yield return v.VariableType;
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: yield return t; break;
                    case MethodReference r:
                        yield return r.DeclaringType;
                        yield return r.ReturnType;
                        foreach (var p in r.Parameters) yield return p.ParameterType;
                        if (r is GenericInstanceMethod g)
                            foreach (var arg in g.GenericArguments) yield return arg;
                        break;
                    case FieldReference f: yield return f.DeclaringType; yield return f.FieldType; break;
                }
            }
        }
    }
}
