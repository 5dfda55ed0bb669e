namespace VpDarts.Models;

/// <summary>The zero op (none): an edge that contributes nothing.</summary>
public sealed class Zero : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the zero op.</summary>
    public Zero() : base(nameof(Zero)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => zeros_like(input);
}
