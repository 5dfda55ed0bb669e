namespace VpDarts.Strategies;

/// <summary>The loss of a step (a 0-dim tensor, detached) and its logits, for the epoch's averages.</summary>
public sealed record StepLoss(Tensor Loss, Tensor Logits);
