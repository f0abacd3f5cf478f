using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>
/// Colour adjustments with torchvision's PIL-path semantics (Pillow's ImageEnhance: a float32 blend between the image
/// and a "degenerate" image, truncated to uint8; hue through Pillow's HSV conversion). On RGBA images the alpha channel
/// is kept unchanged; on L images saturation and hue are no-ops. Kernels never modify their input.
/// </summary>
public static class ColorOps
{
    /// <summary>Blends with black: factor 0 → black, 1 → unchanged, &gt; 1 brighter (torchvision adjust_brightness).</summary>
    public static ImageBuffer AdjustBrightness(ImageBuffer image, double factor)
    {
        CheckFactor(factor, "brightness");
        return BlendConstant(image, factor, 0);
    }

    /// <summary>Blends with the mean luma (rounded) of the image: factor 0 → flat grey, 1 → unchanged (adjust_contrast).</summary>
    public static ImageBuffer AdjustContrast(ImageBuffer image, double factor)
    {
        CheckFactor(factor, "contrast");
        return BlendConstant(image, factor, MeanLuma(image));
    }

    /// <summary>Blends with the image's own luma: factor 0 → greyscale, 1 → unchanged, 2 → twice as saturated.</summary>
    public static ImageBuffer AdjustSaturation(ImageBuffer image, double factor)
    {
        CheckFactor(factor, "saturation");
        if (image.Channels == 1) return image;
        float alpha = (float)factor;
        int c = image.Channels;
        var output = new ImageBuffer(image.Width, image.Height, c);
        byte[] src = image.Pixels, dst = output.Pixels;
        for (int i = 0; i < src.Length; i += c)
        {
            int d = ImageConversion.Luma(src[i], src[i + 1], src[i + 2]);
            dst[i] = BlendValue(d, src[i], alpha);
            dst[i + 1] = BlendValue(d, src[i + 1], alpha);
            dst[i + 2] = BlendValue(d, src[i + 2], alpha);
            if (c == 4) dst[i + 3] = src[i + 3];
        }
        return output;
    }

    /// <summary>Rotates the hue by <paramref name="factor"/> of a turn, in [-0.5, 0.5] (torchvision adjust_hue: Pillow HSV,
    /// hue byte shifted by (byte)(factor·255) with wrap-around).</summary>
    public static ImageBuffer AdjustHue(ImageBuffer image, double factor)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(factor >= -0.5 && factor <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Hue factor must be in [-0.5, 0.5].");
        if (image.Channels == 1) return image;
        byte shift = unchecked((byte)(int)(factor * 255));
        ImageBuffer output = image.Clone();
        byte[] p = output.Pixels;
        for (int i = 0; i < p.Length; i += image.Channels)
        {
            (byte h, byte s, byte v) = PillowHsv.FromRgb(p[i], p[i + 1], p[i + 2]);
            (p[i], p[i + 1], p[i + 2]) = PillowHsv.ToRgb(unchecked((byte)(h + shift)), s, v);
        }
        return output;
    }

    /// <summary>Pillow's convert("L"), with 1 or 3 (replicated) output channels (torchvision rgb_to_grayscale).</summary>
    public static ImageBuffer ToGrayscale(ImageBuffer image, int numOutputChannels = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (numOutputChannels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(numOutputChannels), numOutputChannels, "Grayscale output must have 1 or 3 channels.");
        ImageBuffer l = ImageConversion.ToMode(image, ImageMode.L);
        return numOutputChannels == 1 ? l : ImageConversion.ToMode(l, ImageMode.Rgb);
    }

    /// <summary>The mean of the image's luma, rounded (Pillow's ImageStat on convert("L"), then int(mean + 0.5)).</summary>
    public static byte MeanLuma(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        long sum = 0;
        byte[] p = image.Pixels;
        int c = image.Channels;
        for (int i = 0; i < p.Length; i += c) sum += c == 1 ? p[i] : ImageConversion.Luma(p[i], p[i + 1], p[i + 2]);
        return (byte)(int)((double)sum / (image.Width * image.Height) + 0.5);
    }

    /// <summary>Pillow's Image.blend(constant grey <paramref name="degenerate"/>, image, alpha) on the colour channels
    /// through a 256-entry table (the result depends only on the sample); the alpha channel of RGBA is copied.</summary>
    private static ImageBuffer BlendConstant(ImageBuffer image, double factor, byte degenerate)
    {
        ArgumentNullException.ThrowIfNull(image);
        float alpha = (float)factor;
        var lut = new byte[256];
        for (int v = 0; v < 256; v++) lut[v] = BlendValue(degenerate, v, alpha);
        int c = image.Channels;
        var output = new ImageBuffer(image.Width, image.Height, c);
        byte[] src = image.Pixels, dst = output.Pixels;
        for (int i = 0; i < src.Length; i++) dst[i] = c == 4 && (i & 3) == 3 ? src[i] : lut[src[i]];
        return output;
    }

    /// <summary>One sample of Pillow's ImagingBlend: in1 + alpha·(in2 − in1) in float32, truncated; clipped to
    /// [0, 255] when alpha is outside [0, 1].</summary>
    internal static byte BlendValue(int in1, int in2, float alpha)
    {
        float v = in1 + alpha * (in2 - in1);
        if (alpha >= 0 && alpha <= 1) return (byte)v;
        return v <= 0f ? (byte)0 : v >= 255f ? (byte)255 : (byte)v;
    }

    private static void CheckFactor(double factor, string name)
    {
        if (!(factor >= 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"The {name} factor must be a non-negative number.");
    }
}
