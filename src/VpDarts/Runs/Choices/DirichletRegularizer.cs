using System.ComponentModel;

namespace VpDarts.Runs;

/// <summary>DrNAS's regulariser of the Dirichlet concentration; the JSON and command-line names are
/// kebab-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DirichletRegularizer>))]
public enum DirichletRegularizer
{
    /// <summary>L2 on α, as Adam's weight decay of the scale (DrNAS's default, <c>reg_type='l2'</c>).</summary>
    [JsonStringEnumMemberName("l2"), Description("Adam's weight decay on α")] L2,
    /// <summary>scale · KL(Dir(elu(α)+1) ‖ Dir(1)) added to the architecture loss (DrNAS's
    /// <c>reg_type='kl'</c>).</summary>
    [JsonStringEnumMemberName("kl"), Description("scale · KL to the uniform Dirichlet")] Kl,
}
