namespace VpDarts.Models;

/// <summary>
/// What ablation passes of one batch share in a search cell (<see cref="SearchCell.Trace"/>): its input, the node
/// before the last and a partial sum of the last node, under the traced weights. A pass that changes one edge
/// replays from it (<see cref="SearchCell.Replay"/>) instead of recomputing what that edge cannot change. Owns its
/// tensors, and its input when made by <see cref="Supernet.Trace"/>.
/// </summary>
public sealed class CellTrace : IDisposable
{
    private readonly Dictionary<(int Node, int Sources), Tensor?> partials = [];
    private readonly Dictionary<int, Tensor> nodes = [];
    private bool ownsInput;

    internal CellTrace(Tensor input, float[,] weights)
    {
        Input = input;
        Weights = weights;
    }

    /// <summary>The cell's input (node 0).</summary>
    public Tensor Input { get; }

    /// <summary>The edge weights the trace was taken under.</summary>
    internal float[,] Weights { get; }

    /// <summary>Throws unless <paramref name="weights"/> equal the traced ones everywhere except on
    /// <paramref name="changedEdge"/>, where each entry is the traced one or zero.</summary>
    internal void RequireReplayable(float[,] weights, int changedEdge)
    {
        for (var e = 0; e < Weights.GetLength(0); e++)
            for (var o = 0; o < Weights.GetLength(1); o++)
            {
                var same = weights[e, o].Equals(Weights[e, o]);
                if (!same && (e != changedEdge || weights[e, o] != 0f))
                    throw new InvalidOperationException(
                        $"weight ({e}, {o}) is {weights[e, o]}, traced {Weights[e, o]}: a replay may only zero " +
                        $"entries of edge {changedEdge}");
            }
    }

    /// <summary>Node <paramref name="node"/> under the traced weights (0: the input).</summary>
    internal Tensor Node(int node) => node == 0 ? Input : nodes.TryGetValue(node, out var value)
        ? value
        : throw new InvalidOperationException($"node {node} is not part of the trace");

    internal void SetNode(int node, Tensor value) => nodes[node] = value;

    /// <summary>Whether node <paramref name="node"/> (0: the input) was traced.</summary>
    internal bool HasNode(int node) => node == 0 || nodes.ContainsKey(node);

    /// <summary>Whether node <paramref name="node"/>'s sum over the sources before <paramref name="sources"/> was
    /// traced and is not empty.</summary>
    internal bool HasPartial(int node, int sources) => partials.GetValueOrDefault((node, sources)) is not null;

    /// <summary>Node <paramref name="node"/>'s sum over the sources before <paramref name="sources"/>.</summary>
    internal Tensor Partial(int node, int sources) => partials.GetValueOrDefault((node, sources))
        ?? throw new InvalidOperationException($"node {node}'s sum over {sources} sources is not part of the trace");

    internal void SetPartial(int node, int sources, Tensor? sum) => partials[(node, sources)] = sum;

    /// <summary>Takes the trace's tensors, its input included, out of every dispose scope: the trace alone frees
    /// them.</summary>
    internal CellTrace OwnEverything()
    {
        ownsInput = true;
        foreach (var tensor in Owned()) tensor.DetachFromDisposeScope();
        return this;
    }

    private IEnumerable<Tensor> Owned() =>
        partials.Values.Concat(nodes.Values).Append(Input).OfType<Tensor>()
            .Where(t => ownsInput || !ReferenceEquals(t, Input))
            .Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in Owned().ToList()) tensor.Dispose();
        partials.Clear();
        nodes.Clear();
    }
}
