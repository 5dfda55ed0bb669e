using System.Reflection;

namespace VpDarts.Cli.Commands;

/// <summary>One option of a settings class and the config property it sets (<see cref="GivenOptions"/>).</summary>
/// <param name="Given">The option property of the settings class; null when the option was not given.</param>
/// <param name="Setting">The config property it sets.</param>
/// <param name="Option">The option as error messages name it (<c>--method</c>).</param>
/// <param name="Convert">Turns the given value into the setting's (a name into an enum value).</param>
public sealed record OptionMapping(
    PropertyInfo Given, PropertyInfo Setting, string Option, Func<object, object> Convert)
{
    /// <summary>
    /// Sets the option's value on <paramref name="config"/> if it was given in <paramref name="settings"/>.
    /// </summary>
    public void Apply(object settings, object config)
    {
        if (Given.GetValue(settings) is { } value) Setting.SetValue(config, Convert(value));
    }
}
