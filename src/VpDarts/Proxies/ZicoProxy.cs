using VpDarts.Runtime;

namespace VpDarts.Proxies;

/// <summary>
/// zico (ZiCo: Li et al., ICLR 2023): the batch split into two halves, each half's gradient g of the loss with respect
/// to every conv and linear weight; per layer, S = Σ over its weights with a non-zero standard deviation of
/// mean|g| / std(g) (over the halves, population standard deviation); the score is Σ over layers with S &gt; 0 of
/// log S, as in the authors' code.
/// </summary>
public sealed class ZicoProxy : IZeroCostProxy
{
    private const int Splits = 2;

    /// <inheritdoc />
    public string Name => "zico";

    /// <inheritdoc />
    public double Score(Func<ProxyNetwork> build, ProxyBatch batch)
    {
        using var scope = NewDisposeScope();
        using var network = build();
        var images = batch.Images.shape[0];
        if (images < Splits) throw new ArgumentException($"zico needs at least {Splits} images, got {images}");
        var perSplit = new List<Tensor[]>();
        for (var split = 0; split < Splits; split++)
        {
            var start = split * images / Splits;
            var length = (split + 1) * images / Splits - start;
            var part = new ProxyBatch(batch.Images.narrow(0, start, length), batch.Labels.narrow(0, start, length));
            perSplit.Add(ProxyMath.LayerGradients(network, part));
        }
        var score = 0.0;
        for (var layer = 0; layer < perSplit[0].Length; layer++)
        {
            using var inner = NewDisposeScope();
            var stacked = torch.stack(perSplit.Select(g => g[layer]).ToArray()).to(ScalarType.Float64);
            var std = stacked.std([0], unbiased: false);
            var meanAbs = stacked.abs().mean([0]);
            var kept = std.ne(Scalars.Zero);
            var sum = (meanAbs.masked_select(kept) / std.masked_select(kept)).sum().item<double>();
            if (sum != 0) score += Math.Log(sum);
        }
        return score;
    }
}
