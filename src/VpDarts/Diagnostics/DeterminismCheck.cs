using System.Security.Cryptography;
using VpDarts.Optimizers;
using VpDarts.Runtime;

namespace VpDarts.Diagnostics;

/// <summary>
/// Repeats a few search steps (an Adam step on α, then an SGD step on the weights, alternating as the search loop
/// does) from the embedded reference, first plainly and then several times under <see cref="GcStress"/>, and
/// requires the same bits every time; also counts tensors the steps left to the GC's finalizer. Differences point at
/// a race (an object freed while libtorch reads it) or a kernel that reads memory it never wrote.
/// </summary>
public static class DeterminismCheck
{
    /// <summary>Runs <paramref name="repeats"/> stressed repeats of <paramref name="steps"/> step pairs.</summary>
    public static CheckResult Run(int steps = 4, int repeats = 3)
    {
        using var reference = DoctorReference.Load();
        var finalizedBefore = FinalizerProbe.TensorsFinalized();
        var first = Fingerprint(reference, steps);
        var finalized = FinalizerProbe.TensorsFinalized() - finalizedBefore;
        using (var stress = GcStress.Start())
        {
            for (var i = 0; i < repeats; i++)
            {
                var again = Fingerprint(reference, steps);
                if (again != first)
                    return new CheckResult("determinism", false,
                        $"repeat {i + 1} of {steps} search steps gave different numbers under GC stress " +
                        $"({stress.Collections} forced collections): results on this machine are not reproducible");
            }
        }
        if (finalized > 0)
            return new CheckResult("determinism", false,
                $"{steps} search steps left {finalized} tensors to the GC's finalizer instead of disposing them");
        return new CheckResult("determinism", true, $"{repeats} repeats of {steps} search steps bit-identical under " +
            "GC stress; no tensor left to the finalizer");
    }

    /// <summary>SHA-256 over every step's losses and the final weights and α.</summary>
    public static string Fingerprint(DoctorReference reference, int steps)
    {
        using var scope = NewDisposeScope();
        using var net = reference.NewSupernet();
        var weights = net.WeightParameters().ToList();
        using var sgd = new SgdOptimizer(weights, 0.025, 0.9, 3e-4);
        using var adam = new AdamOptimizer([net.Alpha], 3e-4, 0.5, 0.999, weightDecay: 1e-3);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        net.train();
        for (var step = 0; step < steps * 2; step++)
        {
            using var stepScope = NewDisposeScope();
            var trainsWeights = step % 2 == 1;
            OptimizerHelper optimizer = trainsWeights ? sgd : adam;
            net.Alpha.requires_grad = !trainsWeights;
            foreach (var p in weights) p.requires_grad = trainsWeights;
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(net.Forward(reference.Input), reference.Labels);
            loss.backward();
            optimizer.step();
            hash.AppendData(BitConverter.GetBytes(loss.item<float>()));
        }
        net.Alpha.requires_grad = true;
        foreach (var p in weights) p.requires_grad = true;
        foreach (var (_, parameter) in net.named_parameters())
        {
            using var host = parameter.detach().cpu().contiguous();
            hash.AppendData(host.bytes);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
