using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>Help text of <c>--method</c>: every method's name, and the default.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MethodNamesDescriptionAttribute : DescriptionAttribute
{
    /// <inheritdoc />
    public override string Description
    {
        get
        {
            var names = SearchMethod.All.Select(m => m.Name).ToList();
            return $"{string.Join(", ", names[..^1])} or {names[^1]} [[default: {new SearchConfig().Method.Name}]]";
        }
    }
}
