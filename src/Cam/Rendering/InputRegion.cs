using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Cam.Rendering;

/// <summary>
/// Where the model input lies on the original image: the input's InputWidth × InputHeight pixels cover the rectangle
/// (<see cref="Left"/>, <see cref="Top"/>, <see cref="Width"/>, <see cref="Height"/>) of the original, in original pixel
/// coordinates (pixel edges at integers). A center crop gives a rectangle inside the image, padding one that reaches
/// outside it. <see cref="FromTransform"/> derives it from the preprocessing.
/// </summary>
public sealed record InputRegion(double Left, double Top, double Width, double Height, int InputWidth, int InputHeight)
{
    /// <summary>The input is the whole image at its own size.</summary>
    public static InputRegion Whole(int width, int height) => new(0, 0, width, height, width, height);

    /// <summary>The region that <paramref name="transform"/> (Resize, CenterCrop, Pad, and the geometry-free ToTensor,
    /// Normalize, Grayscale, ToDtype, possibly nested in Compose) cuts from a <paramref name="width"/> × <paramref name="height"/>
    /// image, following the same size and offset arithmetic as those transforms.</summary>
    public static InputRegion FromTransform(ITransform transform, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(transform);
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"Image size must be at least 1x1; got {width}x{height}.");
        double ox = 0, oy = 0, sx = 1, sy = 1;
        int w = width, h = height;
        foreach (ITransform step in Flatten(transform))
        {
            switch (step)
            {
                case Resize resize:
                    (int nh, int nw) = resize.OutputSize(h, w);
                    sx *= (double)w / nw;
                    sy *= (double)h / nh;
                    (w, h) = (nw, nh);
                    break;
                case CenterCrop crop:
                    if (crop.Height == h && crop.Width == w) break;
                    (int top, int left) = GeometryOps.CenterCropOffset(h, w, crop.Height, crop.Width);
                    oy += sy * top;
                    ox += sx * left;
                    (w, h) = (crop.Width, crop.Height);
                    break;
                case Pad pad:
                    ox -= sx * pad.Left;
                    oy -= sy * pad.Top;
                    w += pad.Left + pad.Right;
                    h += pad.Top + pad.Bottom;
                    break;
                case ToTensor or Normalize or Grayscale or ToDtype:
                    break;
                default:
                    throw new NotSupportedException(
                        $"Cannot map {step} back onto the original image; overlays support Resize, CenterCrop, Pad, ToTensor, Normalize, Grayscale and ToDtype.");
            }
        }
        return new InputRegion(ox, oy, sx * w, sy * h, w, h);
    }

    /// <summary>The original-image position of input position (<paramref name="x"/>, <paramref name="y"/>)
    /// (pixel centres at +0.5: input pixel (i, j) is <c>ToOriginal(i + 0.5, j + 0.5)</c>).</summary>
    public (double X, double Y) ToOriginal(double x, double y) => (Left + x * Width / InputWidth, Top + y * Height / InputHeight);

    /// <summary>The input position of original-image position (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double X, double Y) ToInput(double x, double y) => ((x - Left) * InputWidth / Width, (y - Top) * InputHeight / Height);

    /// <summary>The original pixel (column, row) holding the centre of input pixel (<paramref name="x"/>, <paramref name="y"/>),
    /// clamped to an image of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public (int X, int Y) OriginalPixel(int x, int y, int width, int height)
    {
        (double ox, double oy) = ToOriginal(x + 0.5, y + 0.5);
        return (Math.Clamp((int)Math.Floor(ox), 0, width - 1), Math.Clamp((int)Math.Floor(oy), 0, height - 1));
    }

    private static IEnumerable<ITransform> Flatten(ITransform transform) =>
        transform is Compose compose ? compose.Transforms.SelectMany(Flatten) : new[] { transform };
}
