using System.Numerics;
using System.Runtime.InteropServices;

namespace VpDarts.Models;

/// <summary>
/// Inverted dropout (each element kept with probability 1 − p and scaled by 1 / (1 − p), as
/// <c>nn.functional.dropout</c> in training mode) with a mask drawn on the host. libtorch's CPU build here draws
/// Bernoulli numbers one element at a time through its generator, a fifth of a supernet weight step at C=8
/// (bench/PROFILE.md, section 3); this draws 32-bit uniforms from a counter-based SplitMix64 stream, roughly ten
/// times faster. The stream's seed is one draw from torch's generator, so seeding and checkpointed generator states
/// replay the masks exactly as they replay torch's own draws.
/// </summary>
public static class SkipDropout
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary><paramref name="input"/> with dropout probability <paramref name="p"/> (0 ≤ p &lt; 1) applied; the
    /// mask has the input's layout (channels-last or not), and gradients flow through the product.</summary>
    public static Tensor Apply(Tensor input, double p)
    {
        if (p is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        using var scope = NewDisposeScope();
        using var draw = randint(long.MaxValue, [1], ScalarType.Int64);
        var seed = (ulong)draw.item<long>();
        var nhwc = ChannelsLast.Holds(input) && input.dim() == 4;
        var shape = nhwc ? new[] { input.shape[0], input.shape[2], input.shape[3], input.shape[1] } : input.shape;
        var mask = empty(shape, ScalarType.Float32);
        FillMask(seed, p, MemoryMarshal.Cast<byte, float>(mask.bytes));
        if (input.dtype != ScalarType.Float32 || input.device.type != DeviceType.CPU)
            mask = mask.to(input.dtype, input.device);
        if (nhwc) mask = mask.permute(0, 3, 1, 2);
        return input.mul(mask).MoveToOuterDisposeScope();
    }

    /// <summary>Writes the mask in memory order: element i is 1 / (1 − p) where the i-th 32-bit uniform of the
    /// stream seeded with <paramref name="seed"/> falls below (1 − p)·2³², else 0.</summary>
    public static void FillMask(ulong seed, double p, Span<float> values)
    {
        var threshold = (ulong)Math.Round((1.0 - p) * 4294967296.0);
        var kept = 1f / (float)(1.0 - p);
        var pairs = values.Length / 2;
        var words = MemoryMarshal.Cast<float, ulong>(values[..(pairs * 2)]);
        var lanes = Vector<ulong>.Count;
        var laneOffsets = new ulong[lanes];
        for (var l = 0; l < lanes; l++) laneOffsets[l] = (ulong)(l + 1) * Golden;
        var offsets = new Vector<ulong>(laneOffsets);
        var limit = new Vector<uint>((uint)Math.Min(threshold, uint.MaxValue));
        var keep = new Vector<float>(kept);
        var alwaysKeep = threshold > uint.MaxValue;
        var k = 0;
        // Pair k holds the low and high halves of Mix(seed + (k + 1)·Golden), whatever the vector width, so every
        // CPU draws the same mask.
        for (; k + lanes <= pairs; k += lanes)
        {
            var bits = Mix(new Vector<ulong>(seed + (ulong)k * Golden) + offsets).As<ulong, uint>();
            var kept32 = alwaysKeep ? Vector<uint>.AllBitsSet : Vector.LessThan(bits, limit);
            var chosen = Vector.ConditionalSelect(kept32.As<uint, float>(), keep, Vector<float>.Zero);
            chosen.As<float, ulong>().CopyTo(words[k..]);
        }
        for (; k < pairs; k++)
        {
            var bits = Mix(seed + (ulong)(k + 1) * Golden);
            values[2 * k] = (bits & 0xFFFFFFFFUL) < threshold ? kept : 0f;
            values[2 * k + 1] = (bits >> 32) < threshold ? kept : 0f;
        }
        if (values.Length % 2 == 1)
            values[^1] = (Mix(seed + (ulong)(pairs + 1) * Golden) & 0xFFFFFFFFUL) < threshold ? kept : 0f;
    }

    private static Vector<ulong> Mix(Vector<ulong> z)
    {
        z = (z ^ Vector.ShiftRightLogical(z, 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector.ShiftRightLogical(z, 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        return z ^ Vector.ShiftRightLogical(z, 31);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
