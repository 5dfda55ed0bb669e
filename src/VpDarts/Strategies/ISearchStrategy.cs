using VpDarts.Models;
using VpDarts.Runs;
using VpDarts.Runtime;
using VpDarts.SearchSpace;

namespace VpDarts.Strategies;

/// <summary>
/// A search method as seen by the one shared search loop: how α becomes edge weights, what each epoch does (its
/// plan, then the work at its start), how a training step's logits and α's gradient are computed, which cell the
/// supernet points to and how the final cell is chosen. New methods implement this and leave the loop alone.
/// </summary>
public interface ISearchStrategy
{
    /// <summary>Softmax (DARTS) or raw (VP-DARTS) edge weights.</summary>
    ArchWeighting Weighting { get; }

    /// <summary>What <paramref name="epoch"/> does: whether α trains and whether the epoch starts with an importance
    /// measurement.</summary>
    EpochPlan PlanEpoch(int epoch);

    /// <summary>Edge weights for the forward pass (α, softmax(α) or a masked α); the ablations measure with
    /// these.</summary>
    Tensor EdgeWeights(Supernet net);

    /// <summary>Called before the steps of <paramref name="epoch"/> (GDAS sets its temperature here).</summary>
    void BeginSteps(int epoch) { }

    /// <summary>
    /// The supernet's logits for a training batch, in a weight or an architecture step: with <see cref="EdgeWeights"/>
    /// unless the method samples its weights per step (GDAS, DrNAS).
    /// </summary>
    Tensor TrainingLogits(Supernet net, Tensor images) => net.Forward(images, EdgeWeights(net));

    /// <summary>
    /// Fills α's gradient for one architecture step (α's gradient is zero on entry; the network weights do not
    /// require gradients) and returns the step's loss and logits. First-order methods backpropagate the search-valid
    /// loss at the current weights; DARTS-V2 replaces this with its unrolled gradient.
    /// </summary>
    StepLoss ArchitectureBackward(ArchStep step)
    {
        var logits = TrainingLogits(step.Net, step.Valid.Images);
        var loss = nn.functional.cross_entropy(logits, step.Valid.Labels);
        if (ArchitectureRegularizer(step.Net) is { } penalty) loss = loss.add(penalty, Scalars.One);
        loss.backward();
        return new StepLoss(loss.detach(), logits.detach());
    }

    /// <summary>A term on α added to the architecture loss (DrNAS's KL regulariser); null when there is none.</summary>
    Tensor? ArchitectureRegularizer(Supernet net) => null;

    /// <summary>Work before an epoch's training (ablation, pruning); null when nothing happens (the plan says
    /// when).</summary>
    EpochDecision? OnEpochStart(SearchContext context, int epoch);

    /// <summary>The cell the supernet points to right now; null while nothing has been learned (warm-up).</summary>
    Genotype? CurrentArch(SearchContext context, int epoch);

    /// <summary>Chooses the final cell.</summary>
    FinalSelection SelectFinal(SearchContext context);

    /// <summary>State that must survive a resume (masks, last choices).</summary>
    StrategyState SaveState();

    /// <summary>Restores <see cref="SaveState"/>'s output.</summary>
    void LoadState(StrategyState state);
}
