using ModelZoo.Data.Imaging;

namespace ModelZoo.Cam.Rendering;

/// <summary>
/// Draws maps over images: the map (at the model input's size) is resampled bilinearly onto the original image through
/// the <see cref="InputRegion"/> the preprocessing cut, coloured and blended; pixels outside the region (cropped
/// away) keep their own colour.
/// <code>
/// ImageBuffer original = ImageDecoder.Decode("cat.jpg");
/// var region = InputRegion.FromTransform(transform, original.Width, original.Height);
/// ImageEncoder.SavePng(CamOverlay.Render(original, result.Map, region), "cam.png");
/// </code>
/// </summary>
public static class CamOverlay
{
    /// <summary>An RGB image of the original's size with <paramref name="map"/> (values in [0, 1]) blended over it.</summary>
    public static ImageBuffer Render(ImageBuffer original, CamMap map, InputRegion region, OverlayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(region);
        options ??= new OverlayOptions();
        options.Validate();
        if (map.Width != region.InputWidth || map.Height != region.InputHeight)
            throw new ArgumentException($"The map is {map.Width}x{map.Height} but the region describes a {region.InputWidth}x{region.InputHeight} input.", nameof(map));
        Colormap colormap = Colormap.Get(options.Colormap);
        ImageBuffer rgb = original.Channels == 3 ? original : ImageConversion.ToMode(original, ImageMode.Rgb);
        var output = new ImageBuffer(rgb.Width, rgb.Height, 3);
        double w = options.ImageWeight;
        byte[] src = rgb.Pixels, dst = output.Pixels;
        for (int y = 0; y < rgb.Height; y++)
        {
            for (int x = 0; x < rgb.Width; x++)
            {
                int i = 3 * (y * rgb.Width + x);
                (double u, double v) = region.ToInput(x + 0.5, y + 0.5);
                if (u < 0 || v < 0 || u > map.Width || v > map.Height)
                {
                    dst[i] = src[i];
                    dst[i + 1] = src[i + 1];
                    dst[i + 2] = src[i + 2];
                    continue;
                }
                (byte r, byte g, byte b) = colormap[Sample(map, u - 0.5, v - 0.5)];
                dst[i] = Blend(r, src[i], w);
                dst[i + 1] = Blend(g, src[i + 1], w);
                dst[i + 2] = Blend(b, src[i + 2], w);
            }
        }
        return output;
    }

    /// <summary>The map alone, coloured, at its own size.</summary>
    public static ImageBuffer Heatmap(CamMap map, string colormap = "jet")
    {
        ArgumentNullException.ThrowIfNull(map);
        Colormap cm = Colormap.Get(colormap);
        var output = new ImageBuffer(map.Width, map.Height, 3);
        for (int i = 0; i < map.Values.Length; i++)
            (output.Pixels[3 * i], output.Pixels[3 * i + 1], output.Pixels[3 * i + 2]) = cm[map.Values[i]];
        return output;
    }

    /// <summary>Bilinear sample at map coordinates (pixel centres at integers), clamped at the borders.</summary>
    internal static double Sample(CamMap map, double x, double y)
    {
        x = Math.Clamp(x, 0, map.Width - 1);
        y = Math.Clamp(y, 0, map.Height - 1);
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        int x1 = Math.Min(x0 + 1, map.Width - 1), y1 = Math.Min(y0 + 1, map.Height - 1);
        double fx = x - x0, fy = y - y0;
        double top = map[y0, x0] + (map[y0, x1] - map[y0, x0]) * fx;
        double bottom = map[y1, x0] + (map[y1, x1] - map[y1, x0]) * fx;
        return top + (bottom - top) * fy;
    }

    private static byte Blend(byte color, byte pixel, double imageWeight) =>
        (byte)Math.Round(Math.Clamp((1 - imageWeight) * color + imageWeight * pixel, 0, 255));
}
