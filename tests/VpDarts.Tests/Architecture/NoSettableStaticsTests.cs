using Mono.Cecil;

namespace VpDarts.Tests.Architecture;

/// <summary>
/// The library has no hidden modes and no global knobs: what changes a result is passed in or set on an object the
/// caller holds. These tests read the compiled VpDarts.dll and fail on a static field that can be assigned after
/// start-up, a per-thread or per-flow static (<c>[ThreadStatic]</c>, <c>ThreadLocal</c>, <c>AsyncLocal</c>), and a
/// static property that code outside its type can set.
/// </summary>
public sealed class NoSettableStaticsTests
{
    /// <summary>
    /// Latches that record, after the first failed call, that a libc entry point is missing (musl, an old kernel), so
    /// it is not tried again; the managed fallback then gives the same answer, so they change no result.
    /// </summary>
    private static readonly string[] Allowed =
    [
        "VpDarts.Runtime.RegularFile::_statxUnavailable",
        "VpDarts.Runtime.FileIdentity::_nativeUnavailable",
        "VpDarts.Runtime.MallocTuning::_trimUnavailable",
    ];

    private const string ThreadStatic = "System.ThreadStaticAttribute";
    private const string CompilerGenerated = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";
    private static readonly string[] AmbientStateTypes =
        ["System.Threading.ThreadLocal`1", "System.Threading.AsyncLocal`1"];

    private static readonly Lazy<IReadOnlyList<TypeDefinition>> Types = new(ReadTypes);

    [Fact]
    public void NoStaticFieldCanBeAssignedAfterStartUp()
    {
        var assignable = Types.Value.Where(t => !IsCompilerGenerated(t)).SelectMany(t => t.Fields)
            .Where(f => f.IsStatic && !f.IsInitOnly && !f.IsLiteral && !Allowed.Contains(Name(f)))
            .Select(Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(assignable.Count == 0, "static fields that are not readonly:\n" + string.Join("\n", assignable));
    }

    [Fact]
    public void NoStaticHoldsStatePerThreadOrFlow()
    {
        var perThread = Types.Value.SelectMany(t => t.Fields)
            .Where(f => f.IsStatic && (f.CustomAttributes.Any(a => a.AttributeType.FullName == ThreadStatic) ||
                                       AmbientStateTypes.Contains(f.FieldType.GetElementType().FullName)))
            .Select(Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(perThread.Count == 0, "per-thread or per-flow statics:\n" + string.Join("\n", perThread));
    }

    [Fact]
    public void NoStaticPropertyCanBeSetFromOutsideItsType()
    {
        var settable = Types.Value.SelectMany(t => t.Properties)
            .Where(p => p.SetMethod is { IsStatic: true } set &&
                        (set.IsPublic || set.IsAssembly || set.IsFamilyOrAssembly))
            .Select(p => $"{p.DeclaringType.FullName}::{p.Name}").OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(settable.Count == 0,
            "static properties with a public or internal setter:\n" + string.Join("\n", settable));
    }

    [Fact]
    public void TheScanSeesTheLibrarysStatics()
    {
        // The reader must see static fields, readonly or not, or the tests above prove nothing.
        var fields = Types.Value.SelectMany(t => t.Fields).Where(f => f.IsStatic).Select(Name).ToList();
        Assert.Contains("VpDarts.Runs.RunDirectory::Json", fields);
        Assert.Contains("VpDarts.Runtime.RegularFile::_statxUnavailable", fields);
        Assert.All(Allowed, name => Assert.Contains(name, fields));
    }

    /// <summary>
    /// A type the compiler made (lambda caches, state machines, fixed-size data): its static fields are the
    /// compiler's caches. An auto-property's backing field is checked like any field: <c>{ get; private set; }</c>
    /// on a static property is a settable static all the same.
    /// </summary>
    private static bool IsCompilerGenerated(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
            if (t.Name.Contains('<') || t.CustomAttributes.Any(a => a.AttributeType.FullName == CompilerGenerated))
                return true;
        return false;
    }

    private static string Name(FieldDefinition field) => $"{field.DeclaringType.FullName}::{field.Name}";

    private static IReadOnlyList<TypeDefinition> ReadTypes()
    {
        var folder = AppContext.BaseDirectory;
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(folder);
        // Kept open: the definitions read attributes and field types from it on demand.
        var parameters = new ReaderParameters { AssemblyResolver = resolver };
        var assembly = AssemblyDefinition.ReadAssembly(Path.Combine(folder, "VpDarts.dll"), parameters);
        return assembly.MainModule.GetTypes().ToList();
    }
}
