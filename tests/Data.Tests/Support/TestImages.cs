using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Tests.Support;

internal static class TestImages
{
    /// <summary>A deterministic textured image (gradients plus a hash), so crops, flips and warps are all distinguishable.</summary>
    public static ImageBuffer Pattern(int width = 48, int height = 36, int channels = 3)
    {
        var img = new ImageBuffer(width, height, channels);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                    img[y, x, c] = (byte)((x * 255 / Math.Max(1, width - 1) * (c == 0 ? 1 : 0))
                        + (y * 255 / Math.Max(1, height - 1) * (c == 1 ? 1 : 0))
                        + ((x * 31 + y * 17 + c * 7) * 2654435761u >> 26) * (c == 2 ? 4 : 1) % 64);
        return img;
    }
}
