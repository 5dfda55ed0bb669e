namespace VpDarts.Strategies;

/// <summary>
/// First-order DARTS as NB201 runs it (DARTS-V1): softmax(α), α's gradient from the search-valid loss at the current
/// weights, argmax per edge at the end. Its optimiser settings and step order are the method defaults in
/// its method (<c>Methods/DartsMethod</c>).
/// </summary>
public sealed class DartsStrategy : ArgmaxStrategy;
