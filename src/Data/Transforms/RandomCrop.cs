using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Crops a random region (torchvision RandomCrop): optional padding first (1, 2 or 4 values like <see cref="Pad"/>),
/// and with <see cref="PadIfNeeded"/> an image smaller than the crop is padded by the shortfall on both sides (as
/// torchvision does). Then the top-left corner is uniform over all positions.
/// </summary>
/// <param name="size">The crop's (height, width).</param>
/// <param name="padding">Padding before cropping: 1, 2 or 4 values like <see cref="Pad"/>; null for none.</param>
/// <param name="padIfNeeded">Pad an image smaller than the crop by the shortfall on both sides.</param>
/// <param name="fill">The value of constant padding.</param>
/// <param name="paddingMode">How padding is filled.</param>
public sealed class RandomCrop((int Height, int Width) size, int[]? padding = null, bool padIfNeeded = false, byte fill = 0,
    PaddingMode paddingMode = PaddingMode.Constant) : Transform<ImageBuffer, ImageBuffer>
{
    /// <summary>A square crop of <paramref name="size"/> with <paramref name="padding"/> on every side.</summary>
    public RandomCrop(int size, int padding = 0, bool padIfNeeded = false, byte fill = 0, PaddingMode paddingMode = PaddingMode.Constant)
        : this((size, size), padding == 0 ? null : new[] { padding }, padIfNeeded, fill, paddingMode) { }

    public int Height { get; } = Check.Size(size.Height, size.Width).Height;
    public int Width { get; } = size.Width;

    // Declared after Height and Width: initializers run in order, so the size is validated before the padding.
    private readonly Pad? _pad = padding is null ? null : new Pad(padding, fill, paddingMode);

    public bool PadIfNeeded { get; } = padIfNeeded;
    public byte Fill { get; } = fill;
    public PaddingMode PaddingMode { get; } = paddingMode;

    /// <summary>Padding per side (left, top, right, bottom) before cropping.</summary>
    public (int Left, int Top, int Right, int Bottom) Padding => _pad is null ? default : (_pad.Left, _pad.Top, _pad.Right, _pad.Bottom);

    /// <summary>The input after the fixed padding and, with <see cref="PadIfNeeded"/>, the padding up to the crop size.</summary>
    public ImageBuffer PadInput(ImageBuffer input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ImageBuffer img = _pad is null ? input : Pad.Apply(input, _pad.Left, _pad.Top, _pad.Right, _pad.Bottom, Fill, PaddingMode);
        if (PadIfNeeded && img.Width < Width)
        {
            int d = Width - img.Width;
            img = Pad.Apply(img, d, 0, d, 0, Fill, PaddingMode);
        }
        if (PadIfNeeded && img.Height < Height)
        {
            int d = Height - img.Height;
            img = Pad.Apply(img, 0, d, 0, d, Fill, PaddingMode);
        }
        return img;
    }

    /// <summary>The crop's top-left corner in a (padded) image of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public (int Top, int Left) MakeParams(int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (height < Height || width < Width)
            throw new ArgumentException(
                $"RandomCrop size ({Height}, {Width}) is larger than the (padded) input ({height}, {width}); use padIfNeeded or a smaller size.");
        if (height == Height && width == Width) return (0, 0);
        int top = random.Next(0, height - Height + 1), left = random.Next(0, width - Width + 1);
        return (top, left);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ImageBuffer padded = PadInput(input);
        (int top, int left) = MakeParams(padded.Height, padded.Width, random);
        return padded.Height == Height && padded.Width == Width ? padded : GeometryOps.Crop(padded, top, left, Height, Width);
    }

    public override string ToString() => $"RandomCrop(({Height}, {Width}), padding={Padding}, pad_if_needed={PadIfNeeded}, fill={Fill}, mode={PaddingMode})";
}
