using ModelZoo.Data.Imaging;
using TorchSharp.Modules;

namespace ModelZoo.Cam.Rendering;

/// <summary>
/// The first-layer kernels as an image grid (what the stem convolution looks for): each kernel min–max normalised on
/// its own, shown in colour when it reads 3 channels and as the channel mean in grey otherwise, enlarged with nearest
/// neighbours to cells of about 48 pixels on a grey background.
/// </summary>
public static class FilterGrid
{
    /// <summary>The kernels of the model's stem convolution (<see cref="ImageClassifier.StemName"/>).</summary>
    public static ImageBuffer Render(ImageClassifier model, int scale = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (ModuleTree.Resolve(model, model.StemName) is not Conv2d stem)
            throw new NotSupportedException($"{model.GetName()}'s stem '{model.StemName}' is not a Conv2d, so it has no kernels to draw.");
        return Render(stem.weight!, scale);
    }

    /// <summary>The kernels of a convolution weight [out, in, kh, kw]; <paramref name="scale"/> 0 = automatic.</summary>
    public static ImageBuffer Render(Tensor weight, int scale = 0)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() != 4) throw new ArgumentException($"A convolution weight is [out, in, kh, kw]; got [{string.Join(", ", weight.shape)}].", nameof(weight));
        if (scale < 0) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be >= 0 (0 = automatic).");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        int count = (int)weight.shape[0], inputs = (int)weight.shape[1], kh = (int)weight.shape[2], kw = (int)weight.shape[3];
        int s = scale > 0 ? scale : Math.Max(1, 48 / Math.Max(kh, kw));
        Tensor w = weight.detach().to(ScalarType.Float32).cpu();
        Tensor shown = inputs == 3 ? w : w.mean(new long[] { 1 }, keepdim: true);            // [out, 1|3, kh, kw]
        Tensor flat = shown.flatten(1);
        Tensor min = flat.min(1, keepdim: true).values, range = flat.max(1, keepdim: true).values - min;
        float[] v = ((flat - min) / range.clamp_min(1e-12)).contiguous().data<float>().ToArray();
        int channels = (int)shown.shape[1];
        int cols = (int)Math.Ceiling(Math.Sqrt(count)), rows = (count + cols - 1) / cols;
        const int gap = 2;
        int cellW = kw * s, cellH = kh * s;
        var image = new ImageBuffer(gap + cols * (cellW + gap), gap + rows * (cellH + gap), 3);
        Array.Fill(image.Pixels, (byte)128);
        for (int f = 0; f < count; f++)
        {
            int left = gap + f % cols * (cellW + gap), top = gap + f / cols * (cellH + gap);
            for (int y = 0; y < cellH; y++)
                for (int x = 0; x < cellW; x++)
                    for (int c = 0; c < 3; c++)
                    {
                        int source = ((f * channels + (channels == 3 ? c : 0)) * kh + y / s) * kw + x / s;
                        image[top + y, left + x, c] = (byte)Math.Round(v[source] * 255);
                    }
        }
        return image;
    }
}
