using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>Neighbourhood filters: sharpness (Pillow's ImageEnhance.Sharpness) and Gaussian blur (torchvision's
/// gaussian_blur: separable float32 kernel applied as a 2-D kernel over reflect-padded input, rounded half to even).</summary>
public static class FilterOps
{
    /// <summary>Blends with Pillow's SMOOTH-filtered image (3×3 kernel [1 1 1; 1 5 1; 1 1 1]/13, border pixels copied):
    /// factor 0 → smoothed, 1 → unchanged, 2 → sharpened (torchvision adjust_sharpness).</summary>
    public static ImageBuffer AdjustSharpness(ImageBuffer image, double factor)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(factor >= 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The sharpness factor must be a non-negative number.");
        byte[] smooth = Smooth(image).Pixels;
        float alpha = (float)factor;
        int c = image.Channels;
        var output = new ImageBuffer(image.Width, image.Height, c);
        byte[] src = image.Pixels, dst = output.Pixels;
        for (int i = 0; i < src.Length; i++)
            dst[i] = c == 4 && i % 4 == 3 ? src[i] : ColorOps.BlendValue(smooth[i], src[i], alpha);
        return output;
    }

    /// <summary>Gaussian blur with a <paramref name="kernelX"/> × <paramref name="kernelY"/> kernel (odd, positive) and
    /// standard deviations <paramref name="sigmaX"/>, <paramref name="sigmaY"/> (positive), over reflect padding.</summary>
    public static ImageBuffer GaussianBlur(ImageBuffer image, int kernelX, int kernelY, double sigmaX, double sigmaY)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (kernelX < 1 || kernelY < 1 || kernelX % 2 == 0 || kernelY % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(kernelX), $"Gaussian kernel sizes must be odd and positive; got {kernelX}x{kernelY}.");
        if (!(sigmaX > 0) || !(sigmaY > 0))
            throw new ArgumentOutOfRangeException(nameof(sigmaX), $"Gaussian sigmas must be positive; got ({sigmaX}, {sigmaY}).");
        int hx = kernelX / 2, hy = kernelY / 2, w = image.Width, h = image.Height, c = image.Channels;
        if (hx >= w || hy >= h)
            throw new ArgumentException($"A {kernelX}x{kernelY} kernel needs reflect padding of ({hx}, {hy}), which must be smaller than the {w}x{h} image.", nameof(image));
        float[] kx = Kernel1D(kernelX, sigmaX), ky = Kernel1D(kernelY, sigmaY);
        var k2 = new float[kernelY, kernelX];
        for (int j = 0; j < kernelY; j++)
            for (int i = 0; i < kernelX; i++) k2[j, i] = ky[j] * kx[i];
        var output = new ImageBuffer(w, h, c);
        byte[] src = image.Pixels, dst = output.Pixels;
        // Reflected source column offsets per (output column, tap) and row offsets per (output row, tap).
        var cols = new int[w * kernelX];
        for (int x = 0; x < w; x++)
            for (int i = 0; i < kernelX; i++) cols[x * kernelX + i] = Reflect(x + i - hx, w) * c;
        var rows = new int[h * kernelY];
        for (int y = 0; y < h; y++)
            for (int j = 0; j < kernelY; j++) rows[y * kernelY + j] = Reflect(y + j - hy, h) * w * c;
        var flat = new float[kernelY * kernelX];
        for (int j = 0; j < kernelY; j++)
            for (int i = 0; i < kernelX; i++) flat[j * kernelX + i] = k2[j, i];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    double sum = 0;
                    for (int j = 0; j < kernelY; j++)
                    {
                        int row = rows[y * kernelY + j] + ch, kRow = j * kernelX, cBase = x * kernelX;
                        for (int i = 0; i < kernelX; i++) sum += flat[kRow + i] * src[row + cols[cBase + i]];
                    }
                    dst[(y * w + x) * c + ch] = (byte)Math.Clamp(Math.Round((float)sum, MidpointRounding.ToEven), 0, 255);
                }
        return output;
    }

    /// <summary>torchvision's _get_gaussian_kernel1d in float32: exp(−½(x/σ)²) at x = −k/2 … k/2, normalised.</summary>
    public static float[] Kernel1D(int size, double sigma)
    {
        var pdf = new float[size];
        float half = (size - 1) * 0.5f, s = (float)sigma, sum = 0;
        for (int i = 0; i < size; i++)
        {
            float x = (-half + i) / s;
            pdf[i] = MathF.Exp(-0.5f * (x * x));
            sum += pdf[i];
        }
        for (int i = 0; i < size; i++) pdf[i] /= sum;
        return pdf;
    }

    private static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;

    /// <summary>Pillow's 3×3 SMOOTH filter in float32 (+0.5, truncated); the outermost rows and columns are copied.</summary>
    internal static ImageBuffer Smooth(ImageBuffer image)
    {
        int w = image.Width, h = image.Height, c = image.Channels;
        ImageBuffer output = image.Clone();
        if (w < 3 || h < 3) return output;
        const float k = 1f / 13f, k5 = 5f / 13f;
        byte[] s = image.Pixels, d = output.Pixels;
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    int up = ((y - 1) * w + x) * c + ch, mid = (y * w + x) * c + ch, down = ((y + 1) * w + x) * c + ch;
                    float ss = 0.5f;
                    ss += s[down - c] * k + s[down] * k + s[down + c] * k;
                    ss += s[mid - c] * k + s[mid] * k5 + s[mid + c] * k;
                    ss += s[up - c] * k + s[up] * k + s[up + c] * k;
                    d[mid] = ss <= 0f ? (byte)0 : ss >= 255f ? (byte)255 : (byte)ss;
                }
        return output;
    }
}
