namespace VpDarts.Proxies;

/// <summary>What several proxies share: the loss they differentiate and sums taken in double precision.</summary>
internal static class ProxyMath
{
    /// <summary>Mean cross-entropy of <paramref name="network"/> on <paramref name="batch"/>.</summary>
    public static Tensor Loss(ProxyNetwork network, ProxyBatch batch)
    {
        using var logits = network.Forward(batch.Images);
        return nn.functional.cross_entropy(logits, batch.Labels);
    }

    /// <summary>The sum of every element of <paramref name="t"/>, in double precision.</summary>
    public static double Sum(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.to(ScalarType.Float64).sum().item<double>();
    }

    /// <summary>The Frobenius norm of <paramref name="t"/>, in double precision.</summary>
    public static double Norm(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.to(ScalarType.Float64).norm().item<double>();
    }

    /// <summary>
    /// ∂<paramref name="output"/>/∂ each of <paramref name="inputs"/>, zeros for an input the output does not depend
    /// on (a conv on a node no path leads from, in some cells).
    /// </summary>
    public static Tensor[] Gradients(Tensor output, IList<Tensor> inputs, bool retainGraph = false,
        bool createGraph = false)
    {
        var gradients = torch.autograd.grad([output], inputs, retain_graph: retainGraph, create_graph: createGraph,
            allow_unused: true);
        return inputs.Select((input, i) =>
            gradients[i] is { IsInvalid: false } g ? g : torch.zeros_like(input)).ToArray();
    }

    /// <summary>Runs the network's loss backwards and returns each layer weight's gradient (detached).</summary>
    public static Tensor[] LayerGradients(ProxyNetwork network, ProxyBatch batch)
    {
        var weights = network.LayerWeights;
        using var loss = Loss(network, batch);
        return Gradients(loss, weights).Select(g => g.detach()).ToArray();
    }
}
