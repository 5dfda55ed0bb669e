namespace VpDarts.Cli.Commands;

/// <summary>
/// <c>[CommandOption("--epochs &lt;N&gt;"), Sets&lt;SearchConfig&gt;(nameof(SearchConfig.Epochs))]</c>: the option
/// sets <typeparamref name="TConfig"/>'s <paramref name="setting"/>, and its help is that setting's.
/// </summary>
/// <typeparam name="TConfig"><see cref="SearchConfig"/> or <see cref="TrainConfig"/>.</typeparam>
/// <param name="setting">The <typeparamref name="TConfig"/> property the option sets (use <c>nameof</c>).</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SetsAttribute<TConfig>(string setting) : ConfigKeyAttribute(setting) where TConfig : class
{
    /// <inheritdoc />
    public override Type Config => typeof(TConfig);
}
