using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Resizes to an exact (height, width), or so that the shorter side becomes <c>size</c> with the aspect ratio kept
/// (longer side truncated, optionally capped at <see cref="MaxSize"/>) — torchvision v2 Resize. Bilinear by default,
/// antialiased like Pillow (see <see cref="ResizeOps"/>; exact against torchvision 0.14 on PIL images).
/// </summary>
public sealed class Resize : Transform<ImageBuffer, ImageBuffer>
{
    /// <summary>Shorter side to <paramref name="size"/>.</summary>
    public Resize(int size, Interpolation interpolation = Interpolation.Bilinear, int? maxSize = null, bool antialias = true)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "Resize size must be positive.");
        if (maxSize is { } m && m <= size)
            throw new ArgumentOutOfRangeException(nameof(maxSize), m, $"max_size must be larger than size ({size}).");
        ShorterSide = size;
        MaxSize = maxSize;
        Interpolation = interpolation;
        Antialias = antialias;
    }

    /// <summary>Exactly <paramref name="size"/> = (height, width).</summary>
    public Resize((int Height, int Width) size, Interpolation interpolation = Interpolation.Bilinear, bool antialias = true)
    {
        ExactSize = Check.Size(size.Height, size.Width);
        Interpolation = interpolation;
        Antialias = antialias;
    }

    /// <summary>The target of the shorter side, or null for an exact size.</summary>
    public int? ShorterSide { get; }

    /// <summary>The exact (height, width), or null for a shorter-side resize.</summary>
    public (int Height, int Width)? ExactSize { get; }

    public int? MaxSize { get; }
    public Interpolation Interpolation { get; }
    public bool Antialias { get; }

    /// <summary>The output size for an input of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public (int Height, int Width) OutputSize(int height, int width) =>
        ExactSize ?? ResizeOps.OutputSize(height, width, ShorterSide!.Value, MaxSize);

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        (int h, int w) = OutputSize(input.Height, input.Width);
        return ResizeOps.Resize(input, h, w, Interpolation, Antialias);
    }

    /// <summary>This resize followed by <see cref="CenterCrop"/>(<paramref name="cropHeight"/>, <paramref name="cropWidth"/>),
    /// computed for the crop only (<see cref="ResizeOps.ResizeRegion"/>: the same pixels, without the full-size
    /// intermediate). <see cref="Compose"/> runs every Resize directly followed by a CenterCrop this way.</summary>
    public ImageBuffer ApplyThenCenterCrop(ImageBuffer input, int cropHeight, int cropWidth)
    {
        ArgumentNullException.ThrowIfNull(input);
        Check.Size(cropHeight, cropWidth);
        (int h, int w) = OutputSize(input.Height, input.Width);
        if (h == cropHeight && w == cropWidth) return ResizeOps.Resize(input, h, w, Interpolation, Antialias);
        (int top, int left) = GeometryOps.CenterCropOffset(h, w, cropHeight, cropWidth);
        return h == input.Height && w == input.Width
            ? GeometryOps.Crop(input, top, left, cropHeight, cropWidth)
            : ResizeOps.ResizeRegion(input, h, w, top, left, cropHeight, cropWidth, Interpolation, Antialias);
    }

    public override string ToString() =>
        $"Resize({(ExactSize is { } s ? $"({s.Height}, {s.Width})" : ShorterSide.ToString())}, {Interpolation}{(MaxSize is null ? "" : $", max_size={MaxSize}")})";
}
