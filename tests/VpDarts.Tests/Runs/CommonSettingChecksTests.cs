using System.Globalization;

namespace VpDarts.Tests.Runs;

/// <summary>A setting that a search and a training run both have is refused by both with the same message.</summary>
public sealed class CommonSettingChecksTests
{
    private const string Cell =
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    [Theory]
    [InlineData(nameof(ICommonSettings.Dataset), "bogus", "--dataset: unknown dataset 'bogus' (expected ")]
    [InlineData(nameof(ICommonSettings.Layers), "0", "--layers: must be 1 to ")]
    [InlineData(nameof(ICommonSettings.Channels), "0", "--channels: must be 1 to ")]
    [InlineData(nameof(ICommonSettings.Epochs), "0", "--epochs: must be 1 to 100000, got 0")]
    [InlineData(nameof(ICommonSettings.BatchSize), "0", "--batch-size: must be 1 to ")]
    [InlineData(nameof(ICommonSettings.EvalBatchSize), "0", "--eval-batch-size: must be 1 to ")]
    [InlineData(nameof(ICommonSettings.TrainLimit), "0", "--train-limit: must be positive, got 0")]
    [InlineData(nameof(ICommonSettings.ImageSize), "1", "--image-size: must be 4 to 1024 pixels, got 1")]
    [InlineData(nameof(ICommonSettings.Momentum), "1", "--momentum: must be in [0, 1), got 1")]
    [InlineData(nameof(ICommonSettings.WeightDecay), "5", "--weight-decay: must be in [0, 1], got 5")]
    [InlineData(nameof(ICommonSettings.Threads), "0", "--threads: must be 1 to 4096, got 0")]
    [InlineData(nameof(ICommonSettings.Device), "tpu", "--device: expected cpu or cuda, got 'tpu'")]
    public void Search_and_training_refuse_a_bad_common_setting_alike(string setting, string value, string message)
    {
        var search = With(SearchPresets.Get("tiny"), setting, value);
        var train = With(TrainPresets.Get("tiny") with { Arch = Cell }, setting, value);
        var searchError = Assert.Throws<UserInputException>(() => search.Validate()).Message;
        var trainError = Assert.Throws<UserInputException>(() => train.Validate()).Message;
        Assert.StartsWith(message, searchError);
        Assert.Equal(searchError, trainError);
    }

    private static T With<T>(T config, string setting, string value) where T : class
    {
        var property = typeof(T).GetProperty(setting)!;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var copy = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(config, null)!;
        property.SetValue(copy, Convert.ChangeType(value, type, CultureInfo.InvariantCulture));
        return copy;
    }
}
