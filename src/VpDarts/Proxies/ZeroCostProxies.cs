namespace VpDarts.Proxies;

/// <summary>Every zero-cost proxy, by name, in the order reports list them.</summary>
public static class ZeroCostProxies
{
    /// <summary>All proxies: the nine of docs/PROXIES.md, then the params and flops baselines.</summary>
    public static IReadOnlyList<IZeroCostProxy> All { get; } =
    [
        new GradNormProxy(), new SnipProxy(), new GraspProxy(), new FisherProxy(), new SynflowProxy(),
        new JacobCovProxy(), new NwotProxy(), new ZenProxy(), new ZicoProxy(), new ParamsProxy(), new FlopsProxy(),
    ];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToList();

    /// <summary>The proxy named <paramref name="name"/>, or null.</summary>
    public static IZeroCostProxy? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
