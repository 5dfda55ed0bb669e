namespace VpDarts.Models;

/// <summary>
/// NB201's avg_pool_3x3 (stride 1, padding 1, padded pixels not counted) computed as a depthwise 3×3 convolution
/// with a filter of ones, times the reciprocal of each pixel's window size. The result is avg_pool2d's with
/// <c>count_include_pad: false</c> up to float rounding; libtorch's CPU avg_pool2d kernels for NCHW tensors took
/// 15 % of a supernet weight step under a profiler, the depthwise convolution runs on oneDNN.
/// </summary>
public static class AveragePooling
{
    /// <summary>3×3 average of every pixel's neighbourhood inside the image.</summary>
    public static Tensor Pool3x3(Tensor input)
    {
        using var scope = NewDisposeScope();
        var channels = input.shape[1];
        var filter = ones(channels, 1, 3, 3, input.dtype, input.device);
        var summed = nn.functional.conv2d(input, filter, padding: [1, 1], groups: channels);
        return summed.mul_(ReciprocalWindowSizes(input.shape[2], input.shape[3], input.dtype, input.device))
            .MoveToOuterDisposeScope();
    }

    /// <summary>1 / (pixels of the 3×3 window inside a <paramref name="height"/>×<paramref name="width"/> image), shape
    /// 1×1×H×W.</summary>
    private static Tensor ReciprocalWindowSizes(long height, long width, ScalarType dtype, Device device)
    {
        static int Span(long i, long size) => (i > 0 ? 1 : 0) + 1 + (i < size - 1 ? 1 : 0);
        var reciprocals = new double[height * width];
        for (var y = 0L; y < height; y++)
            for (var x = 0L; x < width; x++)
                reciprocals[y * width + x] = 1.0 / (Span(y, height) * Span(x, width));
        return tensor(reciprocals, [1, 1, height, width], dtype, device);
    }
}
