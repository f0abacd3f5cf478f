using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms;

/// <summary>Pads an image on each side (torchvision Pad): one value for all sides, (left/right, top/bottom) or
/// (left, top, right, bottom).</summary>
public sealed class Pad : Transform<ImageBuffer, ImageBuffer>
{
    public Pad(int padding, byte fill = 0, PaddingMode mode = PaddingMode.Constant) : this(new[] { padding }, fill, mode) { }

    public Pad(int[] padding, byte fill = 0, PaddingMode mode = PaddingMode.Constant)
    {
        ArgumentNullException.ThrowIfNull(padding);
        (Left, Top, Right, Bottom) = padding.Length switch
        {
            1 => (padding[0], padding[0], padding[0], padding[0]),
            2 => (padding[0], padding[1], padding[0], padding[1]),
            4 => (padding[0], padding[1], padding[2], padding[3]),
            _ => throw new ArgumentException($"Padding must have 1, 2 or 4 values; got {padding.Length}.", nameof(padding)),
        };
        if (Left < 0 || Top < 0 || Right < 0 || Bottom < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), $"Padding must be non-negative; got ({Left}, {Top}, {Right}, {Bottom}).");
        Fill = fill;
        Mode = mode;
    }

    public int Left { get; }
    public int Top { get; }
    public int Right { get; }
    public int Bottom { get; }
    public byte Fill { get; }
    public PaddingMode Mode { get; }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => Apply(input, Left, Top, Right, Bottom, Fill, Mode);

    /// <summary>Stateless kernel.</summary>
    public static ImageBuffer Apply(ImageBuffer input, int left, int top, int right, int bottom, byte fill, PaddingMode mode)
    {
        if ((mode is PaddingMode.Reflect) && (left >= input.Width || right >= input.Width || top >= input.Height || bottom >= input.Height))
            throw new ArgumentException($"Reflect padding must be smaller than the image ({input.Width}x{input.Height}).");
        int w = input.Width + left + right, h = input.Height + top + bottom, c = input.Channels;
        var output = new ImageBuffer(w, h, c);
        byte[] src = input.Pixels, dst = output.Pixels;
        for (int y = 0; y < h; y++)
        {
            int sy = Map(y - top, input.Height, mode);
            for (int x = 0; x < w; x++)
            {
                int sx = Map(x - left, input.Width, mode);
                int d = (y * w + x) * c;
                if (sy < 0 || sx < 0)
                {
                    for (int ch = 0; ch < c; ch++) dst[d + ch] = fill;
                }
                else
                {
                    Buffer.BlockCopy(src, (sy * input.Width + sx) * c, dst, d, c);
                }
            }
        }
        return output;
    }

    private static int Map(int i, int n, PaddingMode mode)
    {
        if (i >= 0 && i < n) return i;
        switch (mode)
        {
            case PaddingMode.Constant: return -1;
            case PaddingMode.Edge: return Math.Clamp(i, 0, n - 1);
            case PaddingMode.Reflect:
                if (n == 1) return 0;
                int period = 2 * (n - 1);
                int m = ((i % period) + period) % period;
                return m < n ? m : period - m;
            default:
                int p2 = 2 * n;
                int s = ((i % p2) + p2) % p2;
                return s < n ? s : p2 - 1 - s;
        }
    }

    public override string ToString() => $"Pad(({Left}, {Top}, {Right}, {Bottom}), fill={Fill}, mode={Mode})";
}
