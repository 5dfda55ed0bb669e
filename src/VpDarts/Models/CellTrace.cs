namespace VpDarts.Models;

/// <summary>
/// One no-grad evaluation of a search cell kept whole: its input, its inner nodes, its output and every op output
/// that was added into a node (skip_connect's is the source node itself). Ablation passes that differ from the traced
/// weights only on one edge replay from it (<see cref="SearchCell.Replay"/>) instead of recomputing the nodes before
/// that edge's target. Owns its tensors, and its input when made by <see cref="Supernet.Trace"/>.
/// </summary>
public sealed class CellTrace : IDisposable
{
    private readonly Dictionary<(int Edge, int Op), Tensor> outputs = [];
    private readonly Tensor?[] nodes;

    private bool ownsInput;

    internal CellTrace(Tensor input, int nodeCount)
    {
        Input = input;
        nodes = new Tensor?[nodeCount];
    }

    /// <summary>The cell's input (node 0).</summary>
    public Tensor Input { get; }

    /// <summary>The cell's output under the traced weights.</summary>
    public Tensor Output { get; internal set; } = null!;

    /// <summary>Inner node <paramref name="node"/> (1 ≤ node &lt; the last) under the traced weights.</summary>
    internal Tensor Node(int node) => node == 0 ? Input : nodes[node] ?? throw new InvalidOperationException(
        $"node {node} is not part of the trace");

    internal void SetNode(int node, Tensor value) => nodes[node] = value;

    /// <summary>The unweighted output of <paramref name="op"/> on <paramref name="edge"/>.</summary>
    internal Tensor OpOutput(int edge, int op) => outputs.TryGetValue((edge, op), out var output)
        ? output
        : throw new InvalidOperationException(
            $"op {op} of edge {edge} had no output in the trace; replayed weights may only zero traced entries");

    internal void SetOpOutput(int edge, int op, Tensor output) => outputs[(edge, op)] = output;

    /// <summary>Takes the trace's tensors, its input included, out of every dispose scope: the trace alone frees
    /// them.</summary>
    internal CellTrace OwnEverything()
    {
        ownsInput = true;
        foreach (var tensor in Owned()) tensor.DetachFromDisposeScope();
        return this;
    }

    private IEnumerable<Tensor> Owned() =>
        outputs.Values.Concat(nodes.OfType<Tensor>()).Append(Output)
            .Where(t => t is not null && (ownsInput || !ReferenceEquals(t, Input)))
            .Append(ownsInput ? Input : null).OfType<Tensor>().Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in Owned().ToList()) tensor.Dispose();
        outputs.Clear();
    }
}
