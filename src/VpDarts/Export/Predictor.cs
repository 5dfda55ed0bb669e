using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using VpDarts.Data;
using VpDarts.Runtime;

namespace VpDarts.Export;

/// <summary>
/// Classifies image files (JPEG, PNG and the other formats ImageSharp reads) with an exported network: each file is
/// checked and decoded by <see cref="ImageFile"/> as the images of image folders are (size limit, complete pixel
/// data), to RGB or grey as <c>model.json</c> says (grey as PIL's <c>convert("L")</c> makes it:
/// <see cref="GreyConversion"/>), brought to the input size when it has another size by
/// <see cref="ImageTransform"/> (shorter side resized, bilinear, then centre-cropped: the transform image folders read
/// with <c>--image-size</c> get in training), normalised with the model's mean and std exactly as training batches
/// are, and run through the network in evaluation mode.
/// </summary>
public static class Predictor
{
    /// <summary>Classifies <paramref name="files"/>; every file is decoded before any is classified.</summary>
    /// <exception cref="UserInputException">A file is missing, not a regular file (a named pipe, a device, a folder) or
    /// not a readable image; the message names it.</exception>
    public static IReadOnlyList<Prediction> Classify(LoadedModel model, IReadOnlyList<string> files, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(files);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        var info = model.Info;
        var inputs = files.Select(f => Preprocess(f, info)).ToList();
        var perImage = info.InputChannels * info.InputSize * info.InputSize;
        var predictions = new List<Prediction>(files.Count);
        model.Network.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < inputs.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, inputs.Count - start);
            var values = new float[count * perImage];
            for (var i = 0; i < count; i++) inputs[start + i].CopyTo(values, i * perImage);
            var batch = tensor(values).view(count, info.InputChannels, info.InputSize, info.InputSize);
            var probabilities = nn.functional.softmax(model.Network.forward(batch), 1);
            var (best, index) = probabilities.max(1);
            var bestValues = best.data<float>().ToArray();
            var indices = index.data<long>().ToArray();
            var all = probabilities.data<float>().ToArray();
            for (var i = 0; i < count; i++)
                predictions.Add(new Prediction(files[start + i], (int)indices[i], info.ClassNames[indices[i]],
                    bestValues[i], all.AsSpan(i * info.Classes, info.Classes).ToArray()));
        }
        return predictions;
    }

    /// <summary>
    /// One image as the network's input: planar float values <c>[C, S, S]</c>, normalised (pixel / 255 − mean) / std.
    /// </summary>
    /// <exception cref="UserInputException">The file is missing, not a regular file, not a readable image, larger than
    /// the size limit or shorter than its header declares.</exception>
    public static float[] Preprocess(string file, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        RegularFile.Require(file, "image file not found");  // a named pipe would block the decoder's open for good
        var size = info.InputSize;
        var pixels = Decode(file, size, info.InputChannels);
        var values = new float[pixels.Length];
        Augment.CropFlipNormalize(pixels, [0], info.InputChannels, size, 0, null, null, null, info.Mean,
            info.Std, values);
        return values;
    }

    private static byte Channel(Rgb24 pixel, int channel)
        => channel switch { 0 => pixel.R, 1 => pixel.G, _ => pixel.B };

    /// <summary>Decodes to RGB (to grey from there for a one-channel model), resizes and centre-crops to
    /// <paramref name="size"/>² if needed, and returns channel-planar bytes.</summary>
    private static byte[] Decode(string file, int size, int channels)
    {
        using var rgb = ImageFile.Load<Rgb24>(file, Configuration.Default);
        if (channels == 3) return Planar(rgb, file, size, Channel);
        using var grey = GreyConversion.ToGrey(rgb);
        return Planar(grey, file, size, (p, _) => p.PackedValue);
    }

    private static byte[] Planar<TPixel>(Image<TPixel> image, string file, int size,
        Func<TPixel, int, byte> channel) where TPixel : unmanaged, IPixel<TPixel>
    {
        new ImageTransform(size).Apply(image, file);
        var channels = typeof(TPixel) == typeof(L8) ? 1 : 3;
        var plane = size * size;
        var bytes = new byte[channels * plane];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    for (var c = 0; c < channels; c++) bytes[c * plane + y * size + x] = channel(row[x], c);
            }
        });
        return bytes;
    }
}
