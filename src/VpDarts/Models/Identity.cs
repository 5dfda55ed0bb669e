namespace VpDarts.Models;

/// <summary>The identity op (skip_connect in a discrete cell).</summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the identity op.</summary>
    public Identity() : base(nameof(Identity)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.alias();
}
