using VpDarts.Runtime;

namespace VpDarts.Optimizers;

/// <summary>
/// TorchSharp's Adam (same state and checkpoint format) with a step that owns the scalars it passes to libtorch;
/// see <see cref="SgdOptimizer"/> for why. The update is the same sequence of operations as TorchSharp's.
/// </summary>
public sealed class AdamOptimizer : Adam
{
    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0)
        : base(parameters, lr, beta1, beta2, eps, weightDecay)
    {
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        var (beta1, beta2, eps, weightDecay) =
            (options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.weight_decay!.Value);
        var lr = options.LearningRate!.Value;
        using var decay = weightDecay.ToScalar();
        using var keepMean = beta1.ToScalar();
        using var addMean = (1 - beta1).ToScalar();
        using var keepSquare = beta2.ToScalar();
        using var addSquare = (1 - beta2).ToScalar();
        using var epsilon = eps.ToScalar();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            if (options.maximize!.Value) grad = grad.neg();
            state.step += 1;
            var correction1 = 1 - Math.Pow(beta1, state.step);
            var correction2 = 1 - Math.Pow(beta2, state.step);
            if (weightDecay != 0) grad = grad.add(param, decay);
            state.exp_avg.mul_(keepMean).add_(grad, addMean);
            state.exp_avg_sq.mul_(keepSquare).addcmul_(grad, grad.conj(), addSquare);
            using var rootCorrection2 = Math.Sqrt(correction2).ToScalar();
            Tensor denominator;
            if (options.amsgrad!.Value)
            {
                var previous = state.max_exp_avg_sq;
                state.max_exp_avg_sq = maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
                previous.Dispose();
                denominator = state.max_exp_avg_sq.sqrt().div(rootCorrection2).add_(epsilon, Scalars.One);
            }
            else
            {
                denominator = state.exp_avg_sq.sqrt().div(rootCorrection2).add_(epsilon, Scalars.One);
            }
            using var stepSize = (-(lr / correction1)).ToScalar();
            param.addcdiv_(state.exp_avg, denominator, stepSize);
        }
    }, closure!);
}
