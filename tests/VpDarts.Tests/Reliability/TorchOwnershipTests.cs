using Mono.Cecil;
using Mono.Cecil.Cil;

namespace VpDarts.Tests.Reliability;

/// <summary>
/// The compiled library hands libtorch only scalars and tensors it owns. TorchSharp 0.107 makes a native scalar
/// (or tensor) for a plain number nobody owns, and the GC's finalizer thread may free it while libtorch still reads it
/// (docs/RELIABILITY.md, "The finalizer race"). These tests read the IL of VpDarts.dll and VpDarts.Cli.dll, and of the
/// TorchSharp methods they call, so a new implicit conversion fails here instead of corrupting a run once in a while.
/// </summary>
public sealed class TorchOwnershipTests
{
    private const int CallDepth = 4;

    // TorchSharp methods that make a Scalar or Tensor only on a path the library never takes.
    private static readonly Dictionary<string, string> Harmless = new()
    {
        ["TorchSharp.torch/Tensor TorchSharp.torch/Tensor::eq(TorchSharp.torch/Tensor)"] = "converts false to a tensor only when the argument is null",
    };

    private static readonly Lazy<Scan> Compiled = new(() => new Scan());

    [Fact]
    public void NoNumberOrArrayBecomesATorchScalarOrTensorImplicitly()
    {
        var found = Compiled.Value.OurMethods()
            .SelectMany(m => Calls(m).Where(IsImplicitTorchConversion).Select(c => $"{Describe(m)} converts {c.Parameters[0].ParameterType.Name} to {c.ReturnType.Name}"))
            .Distinct().ToList();
        Assert.True(found.Count == 0, "implicit conversions (use Runtime.Scalars or `using var s = x.ToScalar()`):\n" + string.Join("\n", found));
    }

    [Fact]
    public void NoCallReachesATorchSharpMethodThatMakesAnUnownedScalar()
    {
        var scan = Compiled.Value;
        var found = scan.OurMethods()
            .SelectMany(m => Calls(m).Where(scan.IsTorchSharp).Select(c => (Caller: m, Callee: c, Maker: scan.HiddenMaker(c))))
            .Where(x => x.Maker is not null)
            .Select(x => $"{Describe(x.Caller)} calls {x.Callee.FullName}, which reaches {x.Maker}")
            .Distinct().ToList();
        Assert.True(found.Count == 0, "calls that make scalars nobody owns (pass an owned Scalar instead):\n" + string.Join("\n", found));
    }

    [Fact]
    public void EveryTorchSharpModuleAndOptimizerInUseOwnsItsScalars()
    {
        var scan = Compiled.Value;
        // Types the library makes: constructed with newobj, or returned by a TorchSharp factory (nn.Conv2d(...)).
        var created = scan.OurMethods().Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
            .Where(i => i.OpCode.OperandType == OperandType.InlineMethod)
            .Select(i => i.OpCode == OpCodes.Newobj ? ((MethodReference)i.Operand).DeclaringType
                : scan.IsTorchSharp((MethodReference)i.Operand) ? ((MethodReference)i.Operand).ReturnType : null)
            .Where(t => t is not null && scan.IsTorchSharp(t))
            .Select(t => t!.Resolve()).Where(t => t is not null).Distinct().ToList();
        var ours = scan.OurTypes().Where(t => t.BaseType is { } b && scan.IsTorchSharp(b)).ToList();
        Assert.Contains(created, t => t!.Name == "Conv2d");  // the scan sees what the library creates

        var found = new List<string>();
        foreach (var type in created.Concat(ours))
            foreach (var name in new[] { "step", "forward" })
            {
                var implementation = MostDerived(type!, name);
                if (implementation is null || !scan.IsTorchSharp(implementation.DeclaringType)) continue;
                if (scan.HiddenMaker(implementation) is { } maker) found.Add($"{type!.FullName}.{name} (from {implementation.DeclaringType.Name}) reaches {maker}");
            }
        Assert.True(found.Count == 0, "TorchSharp types whose step/forward make unowned scalars (derive and override, as Optimizers/ does):\n" + string.Join("\n", found));
    }

    private static MethodDefinition? MostDerived(TypeDefinition type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType?.Resolve())
            if (t.Methods.FirstOrDefault(m => m.Name == name && m.HasBody && !m.IsStatic) is { } m) return m;
        return null;
    }

    private static IEnumerable<MethodReference> Calls(MethodDefinition method) =>
        method.HasBody ? method.Body.Instructions.Where(i => i.OpCode.OperandType == OperandType.InlineMethod).Select(i => (MethodReference)i.Operand) : [];

    private static bool IsImplicitTorchConversion(MethodReference m) =>
        m.Name == "op_Implicit" && m.DeclaringType.FullName is "TorchSharp.Scalar" or "TorchSharp.torch/Tensor";

    private static bool MakesScalar(MethodReference m) =>
        IsImplicitTorchConversion(m) || (m.Name == "ToScalar" && m.DeclaringType.FullName == "TorchSharp.ScalarExtensionMethods");

    private static string Describe(MethodDefinition m) => $"{m.DeclaringType.FullName}::{m.Name}";

    private sealed class Scan
    {
        private readonly List<AssemblyDefinition> _ours;
        private readonly Dictionary<string, string?> _memo = new();

        public Scan()
        {
            var folder = AppContext.BaseDirectory;
            var resolver = new DefaultAssemblyResolver();
            resolver.AddSearchDirectory(folder);
            var parameters = new ReaderParameters { AssemblyResolver = resolver };
            _ours = new[] { "VpDarts.dll", "VpDarts.Cli.dll" }.Select(f => AssemblyDefinition.ReadAssembly(Path.Combine(folder, f), parameters)).ToList();
        }

        public IEnumerable<TypeDefinition> OurTypes() => _ours.SelectMany(a => a.MainModule.GetTypes());

        public IEnumerable<MethodDefinition> OurMethods() => OurTypes().SelectMany(t => t.Methods);

        public bool IsTorchSharp(MemberReference m) => IsTorchSharp(m.DeclaringType ?? (TypeReference)m);

        public bool IsTorchSharp(TypeReference t) => t.Scope?.Name is "TorchSharp" or "TorchSharp.dll";

        /// <summary>A method reached from <paramref name="callee"/> (statically, within TorchSharp) that makes a scalar or tensor from a number, or null.</summary>
        public string? HiddenMaker(MethodReference callee) => Walk(callee, CallDepth);

        private string? Walk(MethodReference callee, int depth)
        {
            if (Harmless.ContainsKey(callee.FullName) || !IsTorchSharp(callee)) return null;
            if (_memo.TryGetValue(callee.FullName, out var known)) return known;
            _memo[callee.FullName] = null;
            string? found = null;
            var body = callee.Resolve();
            if (body is { HasBody: true })
                foreach (var inner in Calls(body))
                {
                    if (MakesScalar(inner)) found = callee.FullName;
                    else if (depth > 0 && !(inner.Resolve()?.IsVirtual ?? true)) found = Walk(inner, depth - 1);
                    if (found is not null) break;
                }
            return _memo[callee.FullName] = found;
        }
    }
}
