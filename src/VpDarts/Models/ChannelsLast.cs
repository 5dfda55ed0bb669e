namespace VpDarts.Models;

/// <summary>
/// Channels-last layout (NHWC in memory, NCHW in shape) for the networks' activations. oneDNN convolves NHWC
/// tensors directly, where an NCHW input with 8 or 16 channels is reordered to a blocked layout and back around every
/// convolution, and libtorch's batch norm has vectorised kernels for NHWC where its NCHW statistics loop is scalar
/// (bench/PROFILE.md, section 3). Element-wise ops keep the layout of their inputs, so converting the network's
/// input once keeps every activation after it channels-last.
/// </summary>
public static class ChannelsLast
{
    /// <summary><paramref name="images"/> (N×C×H×W) with channels-last strides: a copy, or the same values when
    /// they already are.</summary>
    public static Tensor Of(Tensor images)
    {
        if (images.dim() != 4) throw new ArgumentException($"expected N×C×H×W images, got {images.dim()} dimensions");
        using var nhwc = images.permute(0, 2, 3, 1);
        using var packed = nhwc.contiguous();
        return packed.permute(0, 3, 1, 2);
    }

    /// <summary>Whether <paramref name="tensor"/> (4-D) is laid out channels-last: channels vary fastest.</summary>
    public static bool Holds(Tensor tensor)
    {
        if (tensor.dim() != 4) return false;
        var (c, h, w) = (tensor.shape[1], tensor.shape[2], tensor.shape[3]);
        var strides = tensor.stride();
        return (c == 1 || strides[1] == 1) && (w == 1 || strides[3] == c) && (h == 1 || strides[2] == c * w);
    }
}
