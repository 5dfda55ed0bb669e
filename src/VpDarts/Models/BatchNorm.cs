using VpDarts.Runtime;

namespace VpDarts.Models;

/// <summary>
/// 2-D batch normalisation with PyTorch's parameter and buffer names. Unlike <c>nn.BatchNorm2d</c> it can run in
/// training mode (batch statistics) without touching its running statistics, which the validation ablation needs:
/// see <see cref="BatchNormStatistics.Freeze"/> and <see cref="RunningStatisticsFrozen"/>.
/// </summary>
public sealed class BatchNorm : nn.Module<Tensor, Tensor>
{
    private const double Momentum = 0.1;
    /// <summary>The ε added to the variance, as in PyTorch.</summary>
    internal const double Epsilon = 1e-5;

    private int _frozenDepth;

    /// <summary>Creates a batch norm over <paramref name="channels"/> channels.</summary>
    public BatchNorm(long channels, bool affine) : base(nameof(BatchNorm))
    {
        if (affine)
        {
            weight = nn.Parameter(ones(channels));
            bias = nn.Parameter(zeros(channels));
            register_parameter("weight", weight);
            register_parameter("bias", bias);
        }
        running_mean = zeros(channels);
        running_var = ones(channels);
        num_batches_tracked = tensor(0L);
        register_buffer("running_mean", running_mean);
        register_buffer("running_var", running_var);
        register_buffer("num_batches_tracked", num_batches_tracked);
    }

#pragma warning disable IDE1006 // PyTorch's names, so state dicts line up
    /// <summary>Scale (affine only).</summary>
    public readonly Parameter? weight;
    /// <summary>Shift (affine only).</summary>
    public readonly Parameter? bias;
    /// <summary>Running mean used in evaluation mode.</summary>
    public readonly Tensor running_mean;
    /// <summary>Running variance used in evaluation mode.</summary>
    public readonly Tensor running_var;
    /// <summary>Number of batches folded into the running statistics.</summary>
    public readonly Tensor num_batches_tracked;
#pragma warning restore IDE1006

    /// <summary>
    /// Whether a training-mode pass uses batch statistics and leaves the running statistics as they are (set by
    /// <see cref="BatchNormStatistics.Freeze"/>); evaluation mode uses the running statistics either way.
    /// </summary>
    public bool RunningStatisticsFrozen => _frozenDepth > 0;

    internal void FreezeRunningStatistics() => _frozenDepth++;

    internal void ReleaseRunningStatistics() => _frozenDepth--;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!training)
            return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, false, Momentum, Epsilon);
        if (RunningStatisticsFrozen)
            return BatchStatistics(input, null, null, weight, bias);
        CountBatch();
        return BatchStatistics(input, running_mean, running_var, weight, bias);
    }

    private void CountBatch()
    {
        using var _ = no_grad();
        num_batches_tracked.add_(Scalars.One, Scalars.One);
    }

    /// <summary>
    /// Normalises an input whose channels are the channels of <paramref name="norms"/> one after another, as if
    /// each had normalised its own slice (batch norm works channel by channel, so the results are the same), and
    /// updates each one's running statistics the way its own <see cref="forward"/> would. One call instead of one per
    /// norm; <paramref name="training"/> is the mode of the calling module. The norms' running statistics are all
    /// frozen or none are (<see cref="BatchNormStatistics.Freeze"/> freezes whole modules).
    /// </summary>
    internal static Tensor ForwardConcatenated(IReadOnlyList<BatchNorm> norms, Tensor input, bool training)
    {
        if (norms.Count == 1) return norms[0].forward(input);
        using var scope = NewDisposeScope();
        Tensor? Cat(Func<BatchNorm, Tensor?> pick) =>
            pick(norms[0]) is null ? null : cat(norms.Select(n => pick(n)!).ToArray(), 0);
        var weights = Cat(n => n.weight);
        var biases = Cat(n => n.bias);
        var frozen = norms.Count(n => n.RunningStatisticsFrozen);
        if (frozen != 0 && frozen != norms.Count)
            throw new InvalidOperationException(
                "the batch norms of one stacked convolution are partly frozen; freeze their whole cell");
        if (training && frozen != 0)
            return BatchStatistics(input, null, null, weights, biases).MoveToOuterDisposeScope();
        var mean = Cat(n => n.running_mean)!;
        var variance = Cat(n => n.running_var)!;
        var output = training
            ? BatchStatistics(input, mean, variance, weights, biases)
            : nn.functional.batch_norm(input, mean, variance, weights, biases, false, Momentum, Epsilon);
        if (training)
        {
            using var _ = no_grad();
            var offset = 0L;
            foreach (var norm in norms)
            {
                var size = norm.running_mean.shape[0];
                norm.running_mean.copy_(mean.narrow(0, offset, size));
                norm.running_var.copy_(variance.narrow(0, offset, size));
                norm.CountBatch();
                offset += size;
            }
        }
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>Batch norm on batch statistics (training mode), updating the running statistics when given.</summary>
    private static Tensor BatchStatistics(Tensor input, Tensor? mean, Tensor? variance, Tensor? weight, Tensor? bias) =>
        nn.functional.batch_norm(input, mean, variance, weight, bias, true, Momentum, Epsilon);
}
