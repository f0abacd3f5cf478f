using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Crops the centre (torchvision CenterCrop); a crop larger than the image is zero-padded around it.</summary>
public sealed class CenterCrop : Transform<ImageBuffer, ImageBuffer>
{
    public CenterCrop(int size) : this((size, size)) { }

    public CenterCrop((int Height, int Width) size) => (Height, Width) = Check.Size(size.Height, size.Width);

    public int Height { get; }
    public int Width { get; }

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Height == Height && input.Width == Width ? input : GeometryOps.CenterCrop(input, Height, Width);
    }

    public override string ToString() => $"CenterCrop(({Height}, {Width}))";
}
