namespace VpDarts.Runs;

/// <summary>Turns a <c>--device</c> value into a torch device, failing clearly when CUDA is asked for but
/// absent.</summary>
public static class Devices
{
    /// <summary>cpu, cuda or cuda:N.</summary>
    public static Device Select(string name)
    {
        if (name == "cpu") return CPU;
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new UserInputException(
                    $"--device {name}: CUDA is not available (this build uses the CPU libtorch package, or no " +
                    "GPU/driver was found); use --device cpu");
            return device(name);
        }
        throw new UserInputException($"--device: expected cpu or cuda, got '{name}'");
    }
}
