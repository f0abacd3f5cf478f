using System.Runtime.InteropServices;
using ModelZoo.Data.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>Collates samples into an [N, C, H, W] input tensor and an int64 [N] target tensor, checking that the
/// samples agree in size and type (with a message that names the offending sample).</summary>
internal static class BatchCollator
{
    public static Tensor CollateImages(IReadOnlyList<ImageBuffer> images, IReadOnlyList<int> indices, ImageTensorFormat format, ImageNormalization? normalization)
    {
        ImageBuffer first = images[0];
        int c = first.Channels, h = first.Height, w = first.Width, hw = h * w;
        for (int i = 1; i < images.Count; i++)
        {
            ImageBuffer im = images[i];
            if (im.Channels != c || im.Height != h || im.Width != w)
                throw new InvalidOperationException(
                    $"Cannot collate a batch of images of different sizes: sample {indices[0]} is {w}x{h}x{c} (WxHxC) but sample " +
                    $"{indices[i]} is {im.Width}x{im.Height}x{im.Channels}. Add a transform that gives every image the same size " +
                    "(e.g. Resize + CenterCrop, or RandomResizedCrop).");
        }
        if (normalization is not null && normalization.Mean.Count != c)
            throw new InvalidOperationException(
                $"The loader's Normalization has {normalization.Mean.Count} channel(s) but sample {indices[0]} has {c}.");
        var shape = new long[] { images.Count, c, h, w };
        if (format == ImageTensorFormat.UInt8)
        {
            Tensor bytes = torch.empty(shape, ScalarType.Byte);
            Span<byte> dst = bytes.bytes;
            for (int n = 0; n < images.Count; n++)
                ToPlanar(images[n].Pixels, dst.Slice(n * c * hw, c * hw), c, hw);
            return bytes;
        }
        Tensor floats = torch.empty(shape, ScalarType.Float32);
        Span<float> values = MemoryMarshal.Cast<byte, float>(floats.bytes);
        float[] mean = normalization?.Mean.Select(m => (float)m).ToArray() ?? new float[c];
        float[] std = normalization?.Std.Select(s => (float)s).ToArray() ?? Enumerable.Repeat(1f, c).ToArray();
        for (int n = 0; n < images.Count; n++)
        {
            if (normalization is null) ToPlanarScaled(images[n].Pixels, values.Slice(n * c * hw, c * hw), c, hw);
            else ToPlanarNormalized(images[n].Pixels, values.Slice(n * c * hw, c * hw), c, hw, mean, std);
        }
        return floats;
    }

    public static Tensor StackTensors(IReadOnlyList<Tensor> tensors, IReadOnlyList<int> indices)
    {
        Tensor first = tensors[0];
        for (int i = 1; i < tensors.Count; i++)
        {
            Tensor t = tensors[i];
            if (t.dtype != first.dtype || !t.shape.SequenceEqual(first.shape))
                throw new InvalidOperationException(
                    $"Cannot collate a batch of tensors that differ: sample {indices[0]} is {Describe(first)} but sample {indices[i]} is " +
                    $"{Describe(t)}. Make the transform produce one shape and type for every sample.");
        }
        return torch.stack(tensors);
    }

    public static Tensor Targets(IReadOnlyList<long> labels) => torch.tensor(labels.ToArray(), ScalarType.Int64);

    private static string Describe(Tensor t) => $"{t.dtype} [{string.Join(", ", t.shape)}]";

    private static void ToPlanar(byte[] hwc, Span<byte> chw, int c, int hw)
    {
        if (c == 1)
        {
            hwc.AsSpan(0, hw).CopyTo(chw);
            return;
        }
        for (int ch = 0; ch < c; ch++)
        {
            Span<byte> plane = chw.Slice(ch * hw, hw);
            for (int i = 0, s = ch; i < hw; i++, s += c) plane[i] = hwc[s];
        }
    }

    /// <summary>(p / 255 − mean) / std in float32: the operations, order and rounding of ToTensor then Normalize.</summary>
    private static void ToPlanarNormalized(byte[] hwc, Span<float> chw, int c, int hw, float[] mean, float[] std)
    {
        for (int ch = 0; ch < c; ch++)
        {
            Span<float> plane = chw.Slice(ch * hw, hw);
            float m = mean[ch], sd = std[ch];
            for (int i = 0, s = ch; i < hw; i++, s += c) plane[i] = (hwc[s] / 255f - m) / sd;
        }
    }

    private static void ToPlanarScaled(byte[] hwc, Span<float> chw, int c, int hw)
    {
        for (int ch = 0; ch < c; ch++)
        {
            Span<float> plane = chw.Slice(ch * hw, hw);
            for (int i = 0, s = ch; i < hw; i++, s += c) plane[i] = hwc[s] / 255f; // division, as ToTensor and torchvision do
        }
    }
}
