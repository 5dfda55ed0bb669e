using System.Reflection;

namespace VpDarts.Runs;

/// <summary>
/// A search method as the settings see it: its name (as <c>config.json</c> and <c>--method</c> spell it), the
/// settings its authors run it with when a config leaves them unset, and the method's own options. Each method is one
/// class deriving from this (in <c>Methods/</c>, where it also builds its strategy); <see cref="All"/> finds them, so a
/// new method is picked up by the settings, the command line, the help, the experiment catalog and the progress
/// plan without being listed anywhere else.
/// </summary>
/// <param name="name">The name, kebab-case, as <c>config.json</c>, <c>--method</c> and reports spell it.</param>
/// <param name="summary">One line saying what the method does, for help texts and docs.</param>
/// <param name="listOrder">Where <see cref="All"/> lists the method: lower first.</param>
[JsonConverter(typeof(SearchMethodJsonConverter))]
public abstract class SearchMethod(string name, string summary, int listOrder)
{
    private static readonly Lazy<IReadOnlyList<SearchMethod>> Discovered = new(Discover);

    /// <summary>Every method, in the order help texts and tables list them.</summary>
    public static IReadOnlyList<SearchMethod> All => Discovered.Value;

    /// <summary>The name, kebab-case, as <c>config.json</c>, <c>--method</c> and reports spell it.</summary>
    public string Name { get; } = name;

    /// <summary>One line saying what the method does, for help texts and docs.</summary>
    public string Summary { get; } = summary;

    /// <summary>Where <see cref="All"/> lists the method: lower first.</summary>
    public int ListOrder { get; } = listOrder;

    /// <summary>Whether the method starts with warm-up epochs (α frozen): the pruning methods do.</summary>
    public virtual bool WarmsUp => false;

    /// <summary>SGD weight decay when the config leaves it unset.</summary>
    public virtual double WeightDecay => 3e-4;

    /// <summary>Nesterov momentum when the config leaves it unset.</summary>
    public virtual bool Nesterov => false;

    /// <summary>Which update of a step comes first when the config leaves it unset.</summary>
    public virtual StepOrder StepOrder => StepOrder.ArchFirst;

    /// <summary>Dropout after skip_connect when the config leaves it unset.</summary>
    public virtual double SkipDropout => 0.0;

    /// <summary>
    /// Whether the weight step's gradient-norm clip counts α's gradient when the config leaves it unset: the
    /// published baselines' code clips <c>network.parameters()</c>, α included.
    /// </summary>
    public virtual bool ClipIncludesAlpha => false;

    /// <summary>
    /// The settings (<see cref="SearchConfig"/> property names) that only some methods read and this one does; a
    /// command-line option for a setting no method of the run reads is refused.
    /// </summary>
    public virtual IReadOnlyList<string> Options => [];

    /// <summary>Adam weight decay of α in use under <paramref name="config"/>.</summary>
    public virtual double ArchWeightDecay(SearchConfig config) => config.ArchWeightDecay;

    /// <summary>
    /// Why an option this method reads (one of <see cref="Options"/>) is not used under <paramref name="config"/>,
    /// as the end of "only used with …" (e.g. <c>--k adjustable</c>); null when it is used.
    /// </summary>
    public virtual string? UnusedBecause(string option, SearchConfig config) => null;

    /// <summary>Why a setting every method has is ignored by this one (a full sentence after the flag); null when it is
    /// read.</summary>
    public virtual string? Ignores(string setting) => null;

    /// <summary>
    /// Throws a <see cref="UserInputException"/> naming the first value of the options this method brings (a subset
    /// of <see cref="Options"/>) that no run could use. <see cref="SearchConfig.Validate"/> asks every method,
    /// whichever one the config names, since a settings file may hold every key.
    /// </summary>
    public virtual void CheckOptions(SearchConfig config) { }

    /// <summary>
    /// Throws a <see cref="UserInputException"/> naming the first setting that this method, when a config names it,
    /// cannot run with (progressive pruning's three epochs after warm-up).
    /// </summary>
    public virtual void Validate(SearchConfig config) { }

    /// <summary>The method named <paramref name="text"/> in any case, or null.</summary>
    public static SearchMethod? Find(string? text) =>
        text is null ? null : All.FirstOrDefault(m => string.Equals(m.Name, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The method named <paramref name="text"/>.</summary>
    /// <exception cref="UserInputException">No method has that name; the message names
    /// <paramref name="option"/>.</exception>
    public static SearchMethod Parse(string text, string option) =>
        Find(text) ?? throw new UserInputException($"{option}: {Unknown(text)}");

    /// <summary><c>unknown method 'x' (expected vp-darts, darts, …)</c>.</summary>
    public static string Unknown(string text) =>
        $"unknown method {OneLine.Quote(text)} (expected {string.Join(", ", All.Select(m => m.Name))})";

    /// <summary>The method of this type.</summary>
    public static T Get<T>() where T : SearchMethod => All.OfType<T>().Single();

    /// <inheritdoc />
    public override string ToString() => Name;

    private static IReadOnlyList<SearchMethod> Discover() => typeof(SearchMethod).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(SearchMethod)) && !t.IsAbstract)
        .Select(t => (SearchMethod)Activator.CreateInstance(t, nonPublic: true)!)
        .OrderBy(m => m.ListOrder).ThenBy(m => m.Name, StringComparer.Ordinal).ToArray();
}
