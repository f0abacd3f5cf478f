using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>The four corner crops and the centre crop (torchvision FiveCrop), as an array in that order: top-left,
/// top-right, bottom-left, bottom-right, centre. Follow with <see cref="StackCrops"/> to make a [5, C, H, W] tensor.</summary>
public sealed class FiveCrop : Transform<ImageBuffer, ImageBuffer[]>
{
    public FiveCrop(int size) : this((size, size)) { }

    public FiveCrop((int Height, int Width) size) => (Height, Width) = Check.Size(size.Height, size.Width);

    public int Height { get; }
    public int Width { get; }

    public override ImageBuffer[] Apply(ImageBuffer input, Random random) => GeometryOps.FiveCrop(input, Height, Width);

    public override string ToString() => $"FiveCrop(({Height}, {Width}))";
}
