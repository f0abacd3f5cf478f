using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary><see cref="FiveCrop"/> of the image and of its horizontal (or vertical) mirror: ten crops (torchvision TenCrop).</summary>
public sealed class TenCrop : Transform<ImageBuffer, ImageBuffer[]>
{
    public TenCrop(int size, bool verticalFlip = false) : this((size, size), verticalFlip) { }

    public TenCrop((int Height, int Width) size, bool verticalFlip = false)
    {
        (Height, Width) = Check.Size(size.Height, size.Width);
        VerticalFlip = verticalFlip;
    }

    public int Height { get; }
    public int Width { get; }
    public bool VerticalFlip { get; }

    public override ImageBuffer[] Apply(ImageBuffer input, Random random) => GeometryOps.TenCrop(input, Height, Width, VerticalFlip);

    public override string ToString() => $"TenCrop(({Height}, {Width}), vertical_flip={VerticalFlip})";
}
