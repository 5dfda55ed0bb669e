using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VpDarts.Tests.Runs;

/// <summary>Optimizer state files carry TorchSharp's optimizer names, and files under the library's own names still load.</summary>
public sealed class OptimizerStateFileTests() : TempFolderTests("vpdarts-optimizer-state-")
{
    private static (Parameter Weight, SgdOptimizer Sgd) Stepped()
    {
        var weight = new Parameter(ones(3, 2));
        var sgd = new SgdOptimizer([weight], 0.1, momentum: 0.9);
        using (var loss = weight.pow(2).sum()) loss.backward();
        sgd.step();
        return (weight, sgd);
    }

    [Fact]
    public void A_library_optimizer_saves_under_TorchSharps_name_and_loads_into_TorchSharps_own()
    {
        var (weight, sgd) = Stepped();
        var path = In("weight-optimizer.bin");
        OptimizerStateFile.Save(sgd, path);
        using (var reader = new BinaryReader(File.OpenRead(path))) Assert.Equal("SGD", reader.ReadString());

        using var plain = optim.SGD([weight], 0.1, momentum: 0.9);
        plain.load_state_dict(path);
        var buffer = ((SGD.State)plain.state_dict().State[0]).momentum_buffer;
        Assert.NotNull(buffer);
        Assert.True(buffer.allclose(((SGD.State)sgd.state_dict().State[0]).momentum_buffer!));
    }

    [Fact]
    public void A_file_under_the_library_type_name_loads_and_another_optimizers_file_is_refused()
    {
        var (weight, sgd) = Stepped();
        var path = In("own-name.bin");
        sgd.save_state_dict(path);  // TorchSharp's writer: the subclass's own name
        using (var reader = new BinaryReader(File.OpenRead(path))) Assert.Equal(nameof(SgdOptimizer), reader.ReadString());
        var again = new SgdOptimizer([weight], 0.1, momentum: 0.9);
        OptimizerStateFile.Load(again, path);
        Assert.True(((SGD.State)again.state_dict().State[0]).momentum_buffer!.allclose(((SGD.State)sgd.state_dict().State[0]).momentum_buffer!));

        var adam = new AdamOptimizer([weight], 0.1);
        var error = Assert.Throws<InvalidDataException>(() => OptimizerStateFile.Load(adam, path));
        Assert.EndsWith("holds SgdOptimizer optimizer state, not Adam", error.Message);
    }
}
