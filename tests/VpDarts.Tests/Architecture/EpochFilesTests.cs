using Mono.Cecil;

namespace VpDarts.Tests.Architecture;

/// <summary>
/// docs/ARCHITECTURE.md lists, in two marked tables, the library files a reader opens for one VP-DARTS epoch (at
/// most ten, the loop first) and the CLI files from <c>vpdarts search</c> to the loop (at most four). These tests read
/// both tables and check them against the source tree and the compiled VpDarts.dll and VpDarts.Cli.dll: each file
/// exists, and its type is reached through calls from the loop's method (library) or from the search command (CLI),
/// so the list stays true when the code moves.
/// </summary>
public sealed class EpochFilesTests
{
    private const int LibraryLimit = 10;
    private const int CliLimit = 4;
    private const string LoopFile = "Search/SearchLoop.cs";
    private const string LoopMethod = "Run";
    private const string AppFile = "CliApp.cs";

    private static readonly string LibrarySource = Path.Combine(Shared.RepoRoot, "src", "VpDarts");
    private static readonly string CliSource = Path.Combine(Shared.RepoRoot, "src", "VpDarts.Cli");
    private static readonly Lazy<CallGraph> Compiled = new(() => new CallGraph());

    [Fact]
    public void EveryEpochFileExistsAndTheLoopReachesItsType()
    {
        var files = Listed("library");
        Assert.True(files.Count > 0 && files[0] == LoopFile, $"the epoch's files start with the loop, {LoopFile}");
        var problems = LibraryProblems(files);
        Assert.True(problems.Count == 0, "docs/ARCHITECTURE.md, epoch files:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheCliFilesLeadFromTheSearchCommandToTheLoop()
    {
        var files = Listed("cli");
        var problems = CliProblems(files);
        Assert.True(problems.Count == 0, "docs/ARCHITECTURE.md, CLI files:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheCheckRefusesTooManyFilesAMissingOneAndOnesThePathNeverReaches()
    {
        string[] library =
        [
            LoopFile, "Search/NoSuchPiece.cs", "Training/TrainRun.cs",
            .. Enumerable.Repeat("Search/EpochSteps.cs", LibraryLimit - 2),
        ];
        var problems = LibraryProblems(library);
        Assert.Contains(problems, p => p.Contains($"at most {LibraryLimit}"));
        Assert.Contains(problems, p => p.Contains("Search/NoSuchPiece.cs") && p.Contains("no such file"));
        Assert.Contains(problems, p => p.Contains("Training/TrainRun.cs") && p.Contains("never reaches"));
        Assert.DoesNotContain(problems, p => p.StartsWith("Search/EpochSteps.cs", StringComparison.Ordinal));

        var cli = CliProblems(
            [AppFile, "Commands/SearchCommand.cs", "Commands/SearchJob.cs", "Commands/ExportCommand.cs"]);
        Assert.Contains(cli, p => p.StartsWith("Commands/ExportCommand.cs", StringComparison.Ordinal)
                                  && p.Contains("never reaches"));
        Assert.DoesNotContain(cli, p => p.StartsWith("Commands/SearchJob.cs", StringComparison.Ordinal));
        Assert.Contains(CliProblems([AppFile, "Commands/NoSuchCommand.cs"]), p => p.Contains("NoSuchCommand"));
    }

    /// <summary>What is wrong with a list of library files: too many, missing, or never reached by the loop.</summary>
    private static List<string> LibraryProblems(IReadOnlyList<string> files)
    {
        var graph = Compiled.Value;
        var problems = new List<string>();
        if (files.Count > LibraryLimit) problems.Add($"{files.Count} files; at most {LibraryLimit}");
        var loopType = graph.Type(TypeName("VpDarts", LoopFile));
        Assert.True(loopType is not null, $"no type {TypeName("VpDarts", LoopFile)} in VpDarts.dll");
        var reached = graph.ReachedTypes([loopType.Methods.Single(m => m.Name == LoopMethod)]);
        foreach (var file in files)
            problems.AddRange(FileProblems(file, LibrarySource, "VpDarts", reached, "the loop"));
        return problems;
    }

    /// <summary>
    /// What is wrong with a list of CLI files: too many, missing, not starting with the app's command table and the
    /// command it names, or a file the command's calls (its own methods and its base classes', which the command
    /// framework calls) do not reach, or calls that never reach the loop.
    /// </summary>
    private static List<string> CliProblems(IReadOnlyList<string> files)
    {
        var graph = Compiled.Value;
        var problems = new List<string>();
        if (files.Count > CliLimit) problems.Add($"{files.Count} files; at most {CliLimit}");
        if (files.Count < 2 || files[0] != AppFile)
            return [.. problems, $"the CLI files start with {AppFile} and the command it names"];
        var app = graph.Type(TypeName("VpDarts.Cli", AppFile))!;
        var command = graph.Type(TypeName("VpDarts.Cli", files[1]));
        if (!File.Exists(Path.Combine(CliSource, files[1])) || command is null)
            return [.. problems, $"{files[1]}: no such file in {CliSource}, or no type for it"];
        if (!graph.References(app, command)) problems.Add($"{AppFile} does not name {files[1]}");
        var roots = graph.WithBaseTypes(command).SelectMany(t => t.Methods).ToList();
        var reached = graph.ReachedTypes(roots);
        var loop = TypeName("VpDarts", LoopFile);
        if (!reached.Contains(loop)) problems.Add($"the calls from {files[1]} never reach the loop, {loop}");
        var onPath = reached.Concat(graph.WithBaseTypes(command).Select(CallGraph.Key)).ToHashSet();
        foreach (var file in files.Skip(1))
            problems.AddRange(FileProblems(file, CliSource, "VpDarts.Cli", onPath, files[1]));
        return problems;
    }

    private static IEnumerable<string> FileProblems(string file, string source, string ns, IReadOnlySet<string> reached,
        string from)
    {
        if (!File.Exists(Path.Combine(source, file)))
        {
            yield return $"{file}: no such file in {source}";
            yield break;
        }
        var type = TypeName(ns, file);
        if (Compiled.Value.Type(type) is null) yield return $"{file}: no type {type} in the compiled assemblies";
        else if (!reached.Contains(type)) yield return $"{file}: {from} never reaches {type} through calls";
    }

    /// <summary>The type a file holds: its path under the project is its namespace, its name the type's.</summary>
    private static string TypeName(string ns, string file) =>
        ns + "." + Path.ChangeExtension(file, null).Replace('/', '.');

    /// <summary>The first column of the table marked <c>epoch-files: <paramref name="marker"/></c>.</summary>
    private static List<string> Listed(string marker)
    {
        var lines = File.ReadAllLines(Path.Combine(Shared.RepoRoot, "docs", "ARCHITECTURE.md"));
        var start = Array.IndexOf(lines, $"<!-- epoch-files: {marker} -->");
        Assert.True(start >= 0, $"docs/ARCHITECTURE.md has no table marked <!-- epoch-files: {marker} -->");
        var files = new List<string>();
        for (var i = start + 1; i < lines.Length && lines[i] != "<!-- /epoch-files -->"; i++)
        {
            if (!lines[i].StartsWith("| `", StringComparison.Ordinal)) continue;
            var cell = lines[i].Split('|')[1].Trim();
            files.Add(cell.Trim('`'));
        }
        return files;
    }

    /// <summary>
    /// The methods of VpDarts.dll and VpDarts.Cli.dll and the calls between them: call, callvirt, newobj and the
    /// delegates made of methods (lambdas). A call of a virtual or interface method of the project also reaches every
    /// override and implementation in the project; making a compiler-generated closure or iterator reaches all of
    /// its methods.
    /// </summary>
    private sealed class CallGraph
    {
        // A closure or an iterator: once made, any of its methods may run.
        private const string CompilerGenerated = "CompilerGeneratedAttribute";
        private const string SearchMethodType = "VpDarts.Runs.SearchMethod";
        private readonly List<TypeDefinition> _types;

        public CallGraph()
        {
            var folder = AppContext.BaseDirectory;
            var resolver = new DefaultAssemblyResolver();
            resolver.AddSearchDirectory(folder);
            var parameters = new ReaderParameters { AssemblyResolver = resolver };
            // The library comes through the resolver, which keeps it: the CLI's references resolve to it.
            var library = resolver.Resolve(AssemblyNameReference.Parse("VpDarts"));
            var cli = AssemblyDefinition.ReadAssembly(Path.Combine(folder, "VpDarts.Cli.dll"), parameters);
            _types = [.. library.MainModule.GetTypes(), .. cli.MainModule.GetTypes()];
        }

        /// <summary>A type's full name without its generic arity, as files name it.</summary>
        public static string Key(TypeReference type)
        {
            var name = (type is GenericInstanceType g ? g.ElementType : type).FullName;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return tick < 0 ? name : name[..tick];
        }

        /// <summary>The project's top-level type of that name (no generic arity); null when there is none.</summary>
        public TypeDefinition? Type(string name) =>
            _types.FirstOrDefault(t => t.DeclaringType is null && Key(t) == name);

        /// <summary><paramref name="type"/> and its base classes within the project.</summary>
        public IEnumerable<TypeDefinition> WithBaseTypes(TypeDefinition type)
        {
            for (var t = Ours(type); t is not null; t = t.BaseType is { } b ? Ours(b) : null) yield return t;
        }

        /// <summary>Whether the IL of <paramref name="from"/> names <paramref name="to"/>.</summary>
        public bool References(TypeDefinition from, TypeDefinition to) =>
            from.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions).Any(i => i.Operand switch
            {
                TypeReference t => Key(t) == Key(to),
                GenericInstanceMethod g =>
                    g.GenericArguments.Any(a => Key(a) == Key(to)) || Key(g.DeclaringType) == Key(to),
                MethodReference r => Key(r.DeclaringType) == Key(to),
                _ => false,
            });

        /// <summary>The outermost types of every method reached from <paramref name="roots"/>.</summary>
        public HashSet<string> ReachedTypes(IEnumerable<MethodDefinition> roots)
        {
            var seen = new HashSet<MethodDefinition>();
            var queue = new Queue<MethodDefinition>(roots);
            var made = new List<TypeDefinition>();  // types whose constructor is reached: virtual calls may land there
            var virtuals = new List<MethodDefinition>();
            var modulesMade = false;
            while (queue.Count > 0)
            {
                var method = queue.Dequeue();
                if (!seen.Add(method)) continue;
                // SearchMethod.All makes every method module by reflection, which the IL does not show: a path that
                // uses a method module uses them all.
                if (!modulesMade && WithBaseTypes(method.DeclaringType).Any(t => Key(t) == SearchMethodType))
                {
                    modulesMade = true;
                    foreach (var module in _types.Where(t => !t.IsAbstract && Key(t) != SearchMethodType
                                 && WithBaseTypes(t).Any(b => Key(b) == SearchMethodType)))
                        foreach (var constructor in module.Methods.Where(m => m.IsConstructor && !m.IsStatic))
                            queue.Enqueue(constructor);
                }
                if (method.IsConstructor && !method.IsStatic && made.All(t => Key(t) != Key(method.DeclaringType)))
                {
                    made.Add(method.DeclaringType);
                    foreach (var called in virtuals)
                        foreach (var other in Overrides(method.DeclaringType, called)) queue.Enqueue(other);
                    if (method.DeclaringType.CustomAttributes.Any(a => a.AttributeType.Name == CompilerGenerated))
                        foreach (var inner in method.DeclaringType.Methods) queue.Enqueue(inner);
                }
                if (!method.HasBody) continue;
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is not MethodReference called || Resolve(called) is not { } target)
                        continue;
                    queue.Enqueue(target);
                    if (!target.IsVirtual && !target.DeclaringType.IsInterface) continue;
                    virtuals.Add(target);
                    foreach (var type in made)
                        foreach (var other in Overrides(type, target)) queue.Enqueue(other);
                }
            }
            return seen.Select(m => Key(Outermost(m.DeclaringType))).ToHashSet();
        }

        /// <summary>Methods of <paramref name="type"/> that override or implement <paramref name="target"/>.</summary>
        private static IEnumerable<MethodDefinition> Overrides(TypeDefinition type, MethodDefinition target)
        {
            if (Key(type) == Key(target.DeclaringType) || !DerivesFrom(type, target.DeclaringType)) return [];
            return type.Methods.Where(m => m.IsVirtual && !m.IsAbstract && (
                (m.Name == target.Name && m.Parameters.Count == target.Parameters.Count)
                || m.Overrides.Any(o => o.Name == target.Name && Key(o.DeclaringType) == Key(target.DeclaringType))));
        }

        private static bool DerivesFrom(TypeDefinition type, TypeDefinition ancestor)
        {
            for (var t = type; t is not null; t = t.BaseType is { } b ? Ours(b) : null)
            {
                if (Key(t) == Key(ancestor)) return true;
                foreach (var face in t.Interfaces.Select(i => i.InterfaceType))
                    if (Key(face) == Key(ancestor) || (Ours(face) is { } inner && DerivesFrom(inner, ancestor)))
                        return true;
            }
            return false;
        }

        /// <summary>The project's definition of a type; null for a type outside the project.</summary>
        private static TypeDefinition? Ours(TypeReference type) => IsOurs(type) ? type.Resolve() : null;

        /// <summary>The project's definition of a method; null for a method outside the project.</summary>
        private static MethodDefinition? Resolve(MethodReference method) =>
            IsOurs(method.DeclaringType) ? method.Resolve() : null;

        private static bool IsOurs(TypeReference type)
        {
            var ns = Outermost(type is GenericInstanceType g ? g.ElementType : type).Namespace ?? "";
            return ns == "VpDarts" || ns.StartsWith("VpDarts.", StringComparison.Ordinal);
        }

        private static TypeReference Outermost(TypeReference type)
        {
            while (type.DeclaringType is not null) type = type.DeclaringType;
            return type;
        }
    }
}
