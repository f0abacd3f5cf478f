using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Crops a random area and aspect ratio, then resizes to the target (torchvision RandomResizedCrop): up to 10 tries
/// of area ∈ <see cref="Scale"/>·image area and log-uniform ratio ∈ <see cref="Ratio"/>; if none fits, the largest
/// centred crop whose ratio is clamped into the range.
/// </summary>
public sealed class RandomResizedCrop : Transform<ImageBuffer, ImageBuffer>
{
    public RandomResizedCrop(int size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null,
        Interpolation interpolation = Interpolation.Bilinear, bool antialias = true)
        : this((size, size), scale, ratio, interpolation, antialias) { }

    public RandomResizedCrop((int Height, int Width) size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null,
        Interpolation interpolation = Interpolation.Bilinear, bool antialias = true)
    {
        (Height, Width) = Check.Size(size.Height, size.Width);
        Scale = Check.Range(scale ?? (0.08, 1.0), nameof(scale), 0);
        if (Scale.Max <= 0) throw new ArgumentOutOfRangeException(nameof(scale), "RandomResizedCrop scale must allow a positive area.");
        Ratio = Check.Range(ratio ?? (3.0 / 4.0, 4.0 / 3.0), nameof(ratio), 0);
        if (Ratio.Min <= 0) throw new ArgumentOutOfRangeException(nameof(ratio), "RandomResizedCrop aspect ratios must be positive.");
        Interpolation = interpolation;
        Antialias = antialias;
    }

    public int Height { get; }
    public int Width { get; }
    public (double Min, double Max) Scale { get; }
    public (double Min, double Max) Ratio { get; }
    public Interpolation Interpolation { get; }
    public bool Antialias { get; }

    /// <summary>The crop box (top, left, height, width) for an input of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public (int Top, int Left, int Height, int Width) MakeParams(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            (int w, int h) = RandomDraw.ScaledRectangle(random, (double)height * width, Scale, Ratio);
            if (w > 0 && w <= width && h > 0 && h <= height)
                return (random.Next(0, height - h + 1), random.Next(0, width - w + 1), h, w);
        }
        double inRatio = (double)width / height;
        int cw = width, ch = height;
        if (inRatio < Ratio.Min) ch = (int)Math.Round(cw / Ratio.Min, MidpointRounding.ToEven);
        else if (inRatio > Ratio.Max) cw = (int)Math.Round(ch * Ratio.Max, MidpointRounding.ToEven);
        return ((height - ch) / 2, (width - cw) / 2, ch, cw);
    }

    /// <summary>Stateless kernel: crop the box, resize to the target size.</summary>
    public ImageBuffer Apply(ImageBuffer input, (int Top, int Left, int Height, int Width) box) =>
        ResizeOps.Resize(GeometryOps.Crop(input, box.Top, box.Left, box.Height, box.Width), Height, Width, Interpolation, Antialias);

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Apply(input, MakeParams(input.Height, input.Width, random));
    }

    public override string ToString() =>
        $"RandomResizedCrop(({Height}, {Width}), scale=({Scale.Min}, {Scale.Max}), ratio=({Ratio.Min:G4}, {Ratio.Max:G4}), {Interpolation})";
}
