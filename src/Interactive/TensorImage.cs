using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Interactive;

/// <summary>
/// Tensors as pictures: an image tensor ([H, W], [1, H, W] or [3, H, W]; float or uint8) becomes a PNG, a 2-D map
/// becomes a colour-mapped heatmap, and many small images become one grid (digits, filters, feature maps).
/// Float values are scaled to 0–255 from [<c>min</c>, <c>max</c>] (by default the tensor's own range, so a
/// normalised image or a signed filter is still visible).
/// </summary>
public static class TensorImage
{
    /// <summary>The image tensor as a PNG, each pixel repeated <paramref name="scale"/> times (nearest neighbour).</summary>
    public static PngImage ToPng(Tensor image, int scale = 1, double? min = null, double? max = null, string? caption = null) =>
        PngImage.FromBuffer(Upscale(ToBuffer(image, min, max), scale), caption);

    /// <summary>The 2-D <paramref name="map"/> ([H, W] or [1, H, W]) coloured with <paramref name="colormap"/>
    /// (default <see cref="Colormap.Viridis"/>; the CAM library's colormaps, <see cref="Colormap.Names"/>) from
    /// [<paramref name="min"/>, <paramref name="max"/>] (default: the map's range).</summary>
    public static PngImage Heatmap(Tensor map, int scale = 1, double? min = null, double? max = null, Colormap? colormap = null,
        string? caption = null)
    {
        colormap ??= Colormap.Viridis;
        float[] values = Values2D(map, out int h, out int w);
        (double lo, double hi) = Range(values, min, max);
        var pixels = new byte[h * w * 3];
        for (int i = 0; i < values.Length; i++)
        {
            (byte r, byte g, byte b) = colormap[(values[i] - lo) / (hi - lo)];
            pixels[3 * i] = r; pixels[3 * i + 1] = g; pixels[3 * i + 2] = b;
        }
        return PngImage.FromBuffer(Upscale(new ImageBuffer(w, h, 3, pixels), scale), caption);
    }

    /// <summary>
    /// Many images in one PNG, <paramref name="columns"/> per row, each scaled by <paramref name="scale"/>, with an
    /// optional caption under each tile. Every image is scaled to 0–255 on its own unless <paramref name="min"/> and
    /// <paramref name="max"/> are given. Images may differ in size (tiles take the largest).
    /// </summary>
    public static PngImage Grid(IEnumerable<Tensor> images, int columns = 8, int scale = 1, IReadOnlyList<string>? captions = null,
        double? min = null, double? max = null, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var tiles = images.Select(t => Upscale(ToBuffer(t, min, max), scale)).ToList();
        if (tiles.Count == 0) throw new ArgumentException("Grid needs at least one image.", nameof(images));
        if (captions is not null && captions.Count != tiles.Count)
            throw new ArgumentException($"Grid got {tiles.Count} images but {captions.Count} captions; expected one caption per image.", nameof(captions));
        return GridRenderer.Render(tiles, columns, captions, caption);
    }

    /// <summary>The image tensor as an RGB or grey <see cref="ImageBuffer"/>.</summary>
    public static ImageBuffer ToBuffer(Tensor image, double? min = null, double? max = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = torch.NewDisposeScope();
        Tensor t = image.detach().cpu();
        if (t.dim() == 3 && t.shape[0] is not (1 or 3))
            throw new ArgumentException($"Expected an image tensor [H, W], [1, H, W] or [3, H, W], got [{string.Join(", ", t.shape)}].", nameof(image));
        if (t.dim() == 3 && t.shape[0] == 1) t = t.squeeze(0);
        if (t.dim() is not (2 or 3))
            throw new ArgumentException($"Expected an image tensor [H, W], [1, H, W] or [3, H, W], got [{string.Join(", ", t.shape)}].", nameof(image));
        int channels = t.dim() == 2 ? 1 : 3;
        int h = (int)t.shape[^2], w = (int)t.shape[^1];
        Tensor hwc = (channels == 1 ? t : t.permute(1, 2, 0)).contiguous();
        byte[] pixels;
        if (hwc.dtype == ScalarType.Byte && min is null && max is null)
            pixels = hwc.data<byte>().ToArray();
        else
        {
            float[] values = hwc.to(ScalarType.Float32).data<float>().ToArray();
            (double lo, double hi) = hwc.dtype == ScalarType.Byte ? (0, 255) : Range(values, min, max);
            pixels = new byte[values.Length];
            for (int i = 0; i < values.Length; i++)
                pixels[i] = (byte)Math.Clamp(Math.Round((values[i] - lo) / (hi - lo) * 255), 0, 255);
        }
        return new ImageBuffer(w, h, channels, pixels);
    }

    internal static ImageBuffer Upscale(ImageBuffer image, int scale)
    {
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be 1 or more.");
        if (scale == 1) return image;
        int w = image.Width * scale, h = image.Height * scale, c = image.Channels;
        var pixels = new byte[w * h * c];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                Array.Copy(image.Pixels, ((y / scale) * image.Width + x / scale) * c, pixels, (y * w + x) * c, c);
        return new ImageBuffer(w, h, c, pixels);
    }

    private static float[] Values2D(Tensor map, out int h, out int w)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var scope = torch.NewDisposeScope();
        Tensor t = map.detach().cpu();
        if (t.dim() == 3 && t.shape[0] == 1) t = t.squeeze(0);
        if (t.dim() != 2) throw new ArgumentException($"Expected a 2-D map [H, W] or [1, H, W], got [{string.Join(", ", map.shape)}].", nameof(map));
        h = (int)t.shape[0];
        w = (int)t.shape[1];
        return t.to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    private static (double Lo, double Hi) Range(float[] values, double? min, double? max)
    {
        double lo = min ?? values.Where(float.IsFinite).DefaultIfEmpty(0).Min();
        double hi = max ?? values.Where(float.IsFinite).DefaultIfEmpty(1).Max();
        if (!(hi > lo)) hi = lo + 1;   // a constant image shows as its low colour instead of dividing by zero
        return (lo, hi);
    }
}
