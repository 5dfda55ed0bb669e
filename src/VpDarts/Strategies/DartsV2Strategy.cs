using VpDarts.Data;
using VpDarts.Models;
using VpDarts.Optimizers;
using VpDarts.Runtime;

namespace VpDarts.Strategies;

/// <summary>
/// Second-order DARTS as NB201 runs it (DARTS-V2, <c>backward_step_unrolled</c>): α's gradient is that of the
/// search-valid loss after the weight step the optimiser is about to take on the search-train batch,
/// w' = w − lr·(momentum·buffer + ∂L_train/∂w + wd·w), so dL_val(w'(α), α)/dα = ∂L_val/∂α − lr·∇²_{α,w}L_train·v with
/// v = ∂L_val/∂w'. The Hessian-vector product is a central finite difference in the weights:
/// (∂L_train(w + R·v)/∂α − ∂L_train(w − R·v)/∂α) / 2R with R = 0.01 / ‖v‖. That displacement is coarse: it can cross
/// ReLU kinks, where ∂L_train/∂α jumps, so on a small network the difference can be far from the pointwise product;
/// it is what NB201 computes, and what this method reproduces. Everything else (softmax(α), no warm-up, argmax cell)
/// is DARTS's; its optimiser settings and arch-first step order are the method defaults in
/// its method (<c>Methods/DartsV2Method</c>).
/// </summary>
/// <remarks>
/// The network weights are changed in place for the extra passes and copied back bit for bit afterwards (also when a
/// pass throws). The passes run in the mode the loop left (training, batch statistics), so the search-train passes at
/// w and w ± R·v update the BN running statistics as NB201's do; the pass at w' does not, because NB201 runs it on a
/// deep copy of the network whose statistics are then dropped.
/// </remarks>
/// <param name="finiteDifferenceScale">
/// r in R = r / ‖v‖, the size of the finite difference's weight displacement: NB201's 0.01 unless a check needs the
/// derivative itself.
/// </param>
public sealed class DartsV2Strategy(double finiteDifferenceScale = DartsV2Strategy.Nb201FiniteDifferenceScale)
    : ArgmaxStrategy, ISearchStrategy
{
    /// <summary>NB201's finite-difference scale: the weights move by ±R·v with R = this / ‖v‖.</summary>
    public const double Nb201FiniteDifferenceScale = 0.01;

    /// <summary>r in R = r / ‖v‖ (see the constructor).</summary>
    public double FiniteDifferenceScale { get; } = finiteDifferenceScale > 0 && double.IsFinite(finiteDifferenceScale)
        ? finiteDifferenceScale
        : throw new ArgumentOutOfRangeException(nameof(finiteDifferenceScale), finiteDifferenceScale,
            "must be positive and finite");


    /// <summary>NB201's unrolled α gradient (see the class summary); returns the search-valid loss and logits at
    /// w'.</summary>
    StepLoss ISearchStrategy.ArchitectureBackward(ArchStep step)
    {
        using var scope = NewDisposeScope();
        var self = (ISearchStrategy)this;
        var net = step.Net;
        var weights = step.WeightParameters;
        var tracked = weights.Select(w => w.requires_grad).ToArray();
        var original = new Tensor[weights.Count];
        using (no_grad())
            for (var i = 0; i < weights.Count; i++) original[i] = weights[i].detach().clone();
        try
        {
            // 1-2. The weights after the optimiser's next step on the search-train batch, as NB201 anticipates it.
            var unrolled = UnrolledWeights(self, step, original);

            // 3. The search-valid loss at w', and its gradients in α and in w'. Its BN statistics are not kept (NB201's
            // deep copy).
            Tensor validLoss, validLogits;
            IList<Tensor> valid;
            Assign(weights, unrolled);
            foreach (var t in unrolled) t.Dispose();
            using (BatchNormStatistics.Freeze(net))
            {
                validLogits = self.TrainingLogits(net, step.Valid.Images);
                validLoss = nn.functional.cross_entropy(validLogits, step.Valid.Labels);
                valid = autograd.grad([validLoss], [net.Alpha, .. weights]);
            }
            Assign(weights, original);
            for (var i = 0; i < weights.Count; i++) weights[i].requires_grad = false;  // only α's gradient from here on

            // 4-5. α's gradient: ∂L_val/∂α − lr·(finite-difference Hessian-vector product).
            var lr = Group(step.WeightOptimizer).LearningRate!.Value;
            using var implicitGrad =
                HessianVectorProduct(self, step, original, valid.Skip(1).ToList(), FiniteDifferenceScale);
            using var minusLr = (-lr).ToScalar();
            var gradient = valid[0].add(implicitGrad, minusLr);
            SetGradient(net.Alpha, gradient);
            return new StepLoss(validLoss.detach().MoveToOuterDisposeScope(),
                validLogits.detach().MoveToOuterDisposeScope());
        }
        finally
        {
            Assign(weights, original);
            for (var i = 0; i < weights.Count; i++) weights[i].requires_grad = tracked[i];
        }
    }

    /// <summary>
    /// w' = w − lr·(momentum·buffer + g + wd·w) for g = ∂L_train(w)/∂w, with the first parameter group's settings and
    /// a zero moment where the optimiser has no buffer yet (NB201 ignores Nesterov and dampening here too).
    /// </summary>
    private static Tensor[] UnrolledWeights(ISearchStrategy self, ArchStep step, Tensor[] original)
    {
        var weights = step.WeightParameters;
        var options = Group(step.WeightOptimizer);
        var (lr, momentum, weightDecay) =
            (options.LearningRate!.Value, options.momentum ?? 0, options.weight_decay ?? 0);
        foreach (var w in weights) w.requires_grad = true;
        var loss = nn.functional.cross_entropy(self.TrainingLogits(step.Net, step.Train.Images), step.Train.Labels);
        var gradients = autograd.grad([loss], [.. weights]);
        loss.Dispose();
        using var decay = weightDecay.ToScalar();
        using var keep = momentum.ToScalar();
        using var minusLr = (-lr).ToScalar();
        using var _ = no_grad();
        var unrolled = new Tensor[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            using var dtheta = gradients[i].add(original[i], decay);  // g + wd·w
            gradients[i].Dispose();
            var buffer = momentum != 0 ? step.WeightOptimizer.MomentumBuffer(weights[i]) : null;
            using var moment = buffer?.mul(keep);
            using var direction = moment?.add(dtheta, Scalars.One);
            unrolled[i] = original[i].add(direction ?? dtheta, minusLr);
        }
        return unrolled;
    }

    /// <summary>
    /// (∂L_train(w + R·v)/∂α − ∂L_train(w − R·v)/∂α) / 2R with R = <paramref name="scale"/>/‖v‖ (‖v‖ over all weights
    /// together); zero when v is zero. Leaves the weights at <paramref name="original"/>.
    /// </summary>
    private static Tensor HessianVectorProduct(ISearchStrategy self, ArchStep step, Tensor[] original,
        IReadOnlyList<Tensor> v, double scale)
    {
        using var scope = NewDisposeScope();
        double norm;
        using (no_grad())
        {
            using var norms = stack(v.Select(t => t.norm()).ToArray());
            using var total = norms.norm();
            norm = total.ToDouble();
        }
        if (norm == 0) return zeros_like(step.Net.Alpha).MoveToOuterDisposeScope();
        var r = scale / norm;
        Tensor AlphaGradient(double sign)
        {
            Displace(step.WeightParameters, original, v, sign * r);
            using var loss =
                nn.functional.cross_entropy(self.TrainingLogits(step.Net, step.Train.Images), step.Train.Labels);
            return autograd.grad([loss], [step.Net.Alpha])[0];
        }
        var plus = AlphaGradient(+1);
        var minus = AlphaGradient(-1);
        Assign(step.WeightParameters, original);
        using var twoR = (2 * r).ToScalar();
        return plus.sub(minus).div_(twoR).MoveToOuterDisposeScope();
    }

    private static SGD.Options Group(SgdOptimizer optimizer) => ((SGD.ParamGroup)optimizer.ParamGroups.First()).Options;

    /// <summary>Sets every weight to <paramref name="values"/> (same order), outside autograd.</summary>
    private static void Assign(IReadOnlyList<Parameter> weights, IReadOnlyList<Tensor> values)
    {
        using var _ = no_grad();
        for (var i = 0; i < weights.Count; i++) weights[i].copy_(values[i]);
    }

    /// <summary>Sets every weight to original + <paramref name="scale"/>·v, outside autograd.</summary>
    private static void Displace(IReadOnlyList<Parameter> weights, Tensor[] original,
        IReadOnlyList<Tensor> v, double scale)
    {
        using var _ = no_grad();
        using var s = scale.ToScalar();
        for (var i = 0; i < weights.Count; i++) weights[i].copy_(original[i]).add_(v[i], s);
    }

    /// <summary>Makes <paramref name="gradient"/> α's gradient (α's gradient is zero or absent on entry).</summary>
    private static void SetGradient(Parameter alpha, Tensor gradient)
    {
        using var _ = no_grad();
        if (alpha.grad is { } existing) existing.copy_(gradient);
        else alpha.grad = gradient.detach();
    }
}
