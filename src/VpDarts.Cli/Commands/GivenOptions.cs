using System.Collections.Concurrent;
using System.Reflection;
using VpDarts.Runs;

namespace VpDarts.Cli.Commands;

/// <summary>
/// Sets the options given on the command line onto a run's config: each option property of a settings class marked
/// <see cref="SetsAttribute{TConfig}"/> that was given (is not null) sets the config property it names. A number or a
/// flag is set as it is; a name (<c>--method darts</c>) is read by the converter of the setting's type: an enum's by
/// <see cref="OptionNames.Parse{T}"/>, another type's by its entry in <see cref="NameReaders"/>.
/// </summary>
public static class GivenOptions
{
    /// <summary>
    /// How a name on the command line becomes a setting of a type that is not an enum: (name, option) → value,
    /// throwing <see cref="UserInputException"/> naming the option for an unknown name. Enums need no entry; a setting
    /// named by text that is not an enum (<c>--method</c>: a method module) registers its reader here.
    /// </summary>
    private static readonly Dictionary<Type, Func<string, string, object>> NameReaders = new()
    {
        [typeof(SearchMethod)] = (name, option) => SearchMethod.Parse(name, option),
    };

    private static readonly ConcurrentDictionary<(Type Settings, Type Config), IReadOnlyList<OptionMapping>> Maps =
        new();

    /// <summary>
    /// A copy of <paramref name="config"/> with every option given in <paramref name="settings"/> set; an unknown name
    /// throws <see cref="UserInputException"/> naming the option.
    /// </summary>
    public static TConfig Apply<TConfig>(object settings, TConfig config) where TConfig : class
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        // Records copy themselves with their compiler-made clone method (what `with` calls).
        var clone = typeof(TConfig).GetMethod("<Clone>$")
                    ?? throw new InvalidOperationException($"{typeof(TConfig).Name} is not a record");
        var copy = (TConfig)clone.Invoke(config, null)!;
        foreach (var option in Of(settings.GetType(), typeof(TConfig))) option.Apply(settings, copy);
        return copy;
    }

    /// <summary>
    /// The options of settings class <paramref name="settingsType"/> marked <see cref="ConfigKeyAttribute"/>, each with
    /// the <paramref name="configType"/> property it sets, in declaration order.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A marked property is not an option, has no null to say that the option was not given, or names a setting of
    /// another config, one that does not exist, cannot be set or has a type its value cannot become.
    /// </exception>
    public static IReadOnlyList<OptionMapping> Of(Type settingsType, Type configType) =>
        Maps.GetOrAdd((settingsType, configType), static key => key.Settings
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(ConfigKeyAttribute)))
            .Select(p => Map(p, key.Config))
            .ToList());

    private static OptionMapping Map(PropertyInfo given, Type configType)
    {
        var key = given.GetCustomAttribute<ConfigKeyAttribute>()!;
        var where = $"{given.DeclaringType?.Name}.{given.Name}";
        var longName = given.GetCustomAttribute<CommandOptionAttribute>()?.LongNames.FirstOrDefault()
                       ?? throw new InvalidOperationException($"{where} is not an option with a long name");
        var option = key.Option ?? "--" + longName;
        if (key.Config != configType)
            throw new InvalidOperationException(
                $"{where} sets a {key.Config.Name} setting, not a {configType.Name} one");
        var setting = configType.GetProperty(key.Setting, BindingFlags.Public | BindingFlags.Instance)
                      ?? throw new InvalidOperationException(
                          $"{where}: {configType.Name} has no setting {key.Setting}");
        if (!setting.CanWrite)
            throw new InvalidOperationException($"{where}: {configType.Name}.{key.Setting} cannot be set");
        if (given.PropertyType.IsValueType && Nullable.GetUnderlyingType(given.PropertyType) is null)
            throw new InvalidOperationException(
                $"{where}: a {given.PropertyType.Name} cannot say that the option was not given");
        var from = Nullable.GetUnderlyingType(given.PropertyType) ?? given.PropertyType;
        var to = Nullable.GetUnderlyingType(setting.PropertyType) ?? setting.PropertyType;
        if (from == to) return new OptionMapping(given, setting, option, static value => value);
        if (from == typeof(string) && NameReader(to) is { } read)
            return new OptionMapping(given, setting, option, value => read((string)value, option));
        throw new InvalidOperationException(
            $"{where}: a {from.Name} option cannot set {configType.Name}.{key.Setting}, a {to.Name}");
    }

    /// <summary>The reader of names of <paramref name="type"/>, or null when a name cannot become one.</summary>
    private static Func<string, string, object>? NameReader(Type type) =>
        NameReaders.TryGetValue(type, out var read) ? read
        : type.IsEnum ? typeof(GivenOptions).GetMethod(nameof(ParseName), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate<Func<string, string, object>>()
        : null;

    private static object ParseName<T>(string name, string option) where T : struct, Enum =>
        OptionNames.Parse<T>(name, option);
}
