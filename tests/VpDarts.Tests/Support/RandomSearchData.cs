using TorchSharp;
using static TorchSharp.torch;

namespace VpDarts.Tests.Support;

/// <summary>
/// Small synthetic search data: class-dependent noise images, every draw derived from (seed, epoch). Its tensors are
/// detached from any dispose scope active when they are made (the search loop advances the architecture batches inside
/// a step's scope), so a lazily generated pass stays alive until the caller disposes the batches.
/// </summary>
public sealed class RandomSearchData(int train = 48, int valid = 32, int classes = 4, int size = 8, int channels = 3, int seed = 0) : ISearchData
{
    public string Name => "random";
    public int Classes => classes;
    public int Channels => channels;
    public int ImageSize => size;
    public int TrainCount => train;
    public int ValidCount => valid;

    private (Tensor X, Tensor Y) Make(int count, long key)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)(seed * 1000003L + key));
        using var half = 0.5.ToScalar();
        var y = randint(0, classes, [count], generator: g);
        var x = randn([count, channels, size, size], generator: g).add_(y.view(-1, 1, 1, 1).to(float32).mul(half), Scalars.One);
        return (x.DetachFromDisposeScope(), y.DetachFromDisposeScope());
    }

    private static List<Batch> Mirrored(Tensor x, Tensor y, int batchSize, bool mirror)
    {
        using var flipped = mirror ? x.flip(3) : null;
        return Split(flipped ?? x, y, batchSize).ToList();
    }

    private static IEnumerable<Batch> Split(Tensor x, Tensor y, int batchSize)
    {
        for (long start = 0; start < x.shape[0]; start += batchSize)
        {
            var n = Math.Min(batchSize, x.shape[0] - start);
            using var images = x.narrow(0, start, n);
            using var labels = y.narrow(0, start, n);
            yield return new Batch(images.clone().DetachFromDisposeScope(), labels.clone().DetachFromDisposeScope());
        }
    }

    public IEnumerable<Batch> TrainBatches(int epoch, int batchSize)
    {
        var (x, y) = Make(train, 10 + epoch);
        using (x) using (y)
            foreach (var b in Split(x, y, batchSize)) yield return b;
    }

    public IEnumerable<Batch> ArchBatches(int epoch, int batchSize)
    {
        for (var pass = 0; ; pass++)
        {
            var (x, y) = Make(valid, 100_000 + epoch * 100 + pass);
            using (x) using (y)
                foreach (var b in Split(x, y, batchSize)) yield return b;
        }
    }

    /// <summary>Random images for (epoch, draw); "augmented" ones are the same images mirrored, so a test can tell them apart.</summary>
    public IReadOnlyList<Batch> ValidSubset(int epoch, int draw, double fraction, int batchSize, bool augment = false)
    {
        var (x, y) = Make((int)Math.Ceiling(valid * fraction), 200_000 + epoch * 100 + draw);
        using (x) using (y) return Mirrored(x, y, batchSize, augment);
    }

    public IReadOnlyList<Batch> FullValid(int batchSize, bool augment = false)
    {
        var (x, y) = Make(valid, 300_000);
        using (x) using (y) return Mirrored(x, y, batchSize, augment);
    }
}
