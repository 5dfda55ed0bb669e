using System.Reflection;
using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Help of an option that takes a name of <typeparamref name="T"/>: <c>LEAD a, b (note) or c [default: NAME]</c>, with
/// the names from <see cref="OptionNames"/> and each member's note from its <see cref="DescriptionAttribute"/>.
/// </summary>
/// <param name="lead">Text before the names.</param>
/// <param name="defaultValue">The value used when the option is not given (a <typeparamref name="T"/>).</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NamesDescriptionAttribute<T>(string lead, object defaultValue) : DescriptionAttribute
    where T : struct, Enum
{
    /// <inheritdoc />
    public override string Description
    {
        get
        {
            var names = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(member => OptionNames.Name((T)member.GetValue(null)!) +
                    (member.GetCustomAttribute<DescriptionAttribute>() is { } note ? $" ({note.Description})" : ""))
                .ToList();
            var list = names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
            return $"{lead}{list} [[default: {OptionNames.Name((T)defaultValue)}]]";
        }
    }
}
