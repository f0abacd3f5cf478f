using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>Converts to greyscale with Pillow's luma, with 1 (default) or 3 identical channels (torchvision Grayscale).</summary>
public sealed class Grayscale : Transform<ImageBuffer, ImageBuffer>
{
    public Grayscale(int numOutputChannels = 1)
    {
        if (numOutputChannels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(numOutputChannels), numOutputChannels, "Grayscale output must have 1 or 3 channels.");
        NumOutputChannels = numOutputChannels;
    }

    public int NumOutputChannels { get; }

    public override ImageBuffer Apply(ImageBuffer input, Random random) => ColorOps.ToGrayscale(input, NumOutputChannels);

    public override string ToString() => $"Grayscale(num_output_channels={NumOutputChannels})";
}
