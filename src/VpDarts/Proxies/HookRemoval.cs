namespace VpDarts.Proxies;

/// <summary>Removes a module hook when disposed.</summary>
internal sealed class HookRemoval(Action remove) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => remove();
}
