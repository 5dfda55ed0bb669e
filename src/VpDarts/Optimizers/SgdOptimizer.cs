namespace VpDarts.Optimizers;

/// <summary>
/// TorchSharp's SGD (momentum, Nesterov, weight decay; same state and checkpoint format) with a step that owns the
/// scalars it passes to libtorch. TorchSharp's own step converts each hyperparameter to a native scalar nobody owns,
/// which the GC's finalizer can free while libtorch still reads it (see <see cref="Runtime.Scalars"/>). The update is
/// the same sequence of operations as TorchSharp's, so results are bit-identical to it.
/// </summary>
public sealed class SgdOptimizer : SGD
{
    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    public SgdOptimizer(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double weightDecay = 0,
        bool nesterov = false)
        : base(parameters, lr, momentum, dampening: 0, weightDecay, nesterov)
    {
    }

    /// <summary>
    /// <paramref name="parameter"/>'s momentum buffer as the next <see cref="step"/> reads it (owned by this optimiser:
    /// read it, do not dispose or change it); null before the parameter's first step with momentum, or when it is not
    /// one of this optimiser's parameters.
    /// </summary>
    public Tensor? MomentumBuffer(Parameter parameter) =>
        _state.TryGetValue(parameter.Handle, out var state) ? ((State)state).momentum_buffer : null;

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        var (momentum, dampening, weightDecay) =
            (options.momentum!.Value, options.dampening!.Value, options.weight_decay!.Value);
        var lr = options.LearningRate!.Value;
        using var decay = weightDecay.ToScalar();
        using var keep = momentum.ToScalar();
        using var blend = (1 - dampening).ToScalar();
        using var rate = (options.maximize!.Value ? lr : -lr).ToScalar();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            if (weightDecay != 0) grad = grad.add(param, decay);
            if (momentum != 0)
            {
                var buffer = state.momentum_buffer;
                if (buffer is null) state.momentum_buffer = buffer = grad.clone().detach().DetachFromDisposeScope();
                else buffer.mul_(keep).add_(grad, blend);
                grad = options.nesterov!.Value ? grad.add(buffer, keep) : buffer;
            }
            param.add_(grad, rate);
        }
    }, closure!);
}
