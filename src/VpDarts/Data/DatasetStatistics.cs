namespace VpDarts.Data;

/// <summary>Per-channel mean and standard deviation of uint8 images, and the published values NB201 uses.</summary>
public static class DatasetStatistics
{
    /// <summary>CIFAR-10 mean (0..1 units), as published and used by NB201.</summary>
    public static readonly float[] Cifar10Mean = [0.4914f, 0.4822f, 0.4465f];

    /// <summary>CIFAR-10 standard deviation (0..1 units).</summary>
    public static readonly float[] Cifar10Std = [0.2470f, 0.2435f, 0.2616f];

    /// <summary>CIFAR-100 mean (0..1 units).</summary>
    public static readonly float[] Cifar100Mean = [0.5071f, 0.4865f, 0.4409f];

    /// <summary>CIFAR-100 standard deviation (0..1 units).</summary>
    public static readonly float[] Cifar100Std = [0.2673f, 0.2564f, 0.2762f];

    /// <summary>ImageNet16-120 mean as NB201 sets it: (122.68, 116.66, 104.01) / 255.</summary>
    public static readonly float[] ImageNet16Mean = [122.68f / 255f, 116.66f / 255f, 104.01f / 255f];

    /// <summary>ImageNet16-120 standard deviation as NB201 sets it: (63.22, 61.26, 65.09) / 255.</summary>
    public static readonly float[] ImageNet16Std = [63.22f / 255f, 61.26f / 255f, 65.09f / 255f];

    /// <summary>
    /// Mean and (population) standard deviation per channel, in 0..1 units, of planar image bytes
    /// laid out as <c>[N, C, H·W]</c>. Exact: counts a 256-bin histogram per channel.
    /// </summary>
    public static (float[] Mean, float[] Std) Compute(ReadOnlySpan<byte> pixels, int channels, int pixelsPerPlane)
    {
        if (channels <= 0 || pixelsPerPlane <= 0) throw new ArgumentOutOfRangeException(nameof(channels));
        var plane = (long)pixelsPerPlane;
        if (pixels.Length % (channels * plane) != 0)
            throw new ArgumentException("pixel count is not a whole number of images", nameof(pixels));
        var histograms = new long[channels, 256];
        var images = pixels.Length / (channels * plane);
        for (long n = 0; n < images; n++)
            for (var c = 0; c < channels; c++)
            {
                var span = pixels.Slice((int)((n * channels + c) * plane), pixelsPerPlane);
                foreach (var v in span) histograms[c, v]++;
            }

        var mean = new float[channels];
        var std = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            double count = 0, sum = 0, squares = 0;
            for (var v = 0; v < 256; v++)
            {
                double k = histograms[c, v], x = v / 255.0;
                count += k;
                sum += k * x;
                squares += k * x * x;
            }
            var m = count > 0 ? sum / count : 0;
            var variance = count > 0 ? Math.Max(0, squares / count - m * m) : 0;
            mean[c] = (float)m;
            std[c] = (float)Math.Max(Math.Sqrt(variance), 1e-6);
        }
        return (mean, std);
    }
}
