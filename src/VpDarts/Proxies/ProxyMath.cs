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

    /// <summary>Runs the network's loss backwards and returns each layer weight's gradient (detached).</summary>
    public static Tensor[] LayerGradients(ProxyNetwork network, ProxyBatch batch)
    {
        var weights = network.LayerWeights;
        using var loss = Loss(network, batch);
        return torch.autograd.grad([loss], weights).Select(g => g.detach()).ToArray();
    }
}
