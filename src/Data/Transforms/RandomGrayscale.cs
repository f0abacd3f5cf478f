using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="P"/> (default 0.1) converts to greyscale keeping the channel count (RGB → three
/// equal channels; RGBA keeps its alpha) — torchvision RandomGrayscale.</summary>
public sealed class RandomGrayscale : Transform<ImageBuffer, ImageBuffer>
{
    public RandomGrayscale(double p = 0.1) => P = Check.Probability(p);

    public double P { get; }

    public bool MakeParams(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return RandomDraw.Chance(random, P);
    }

    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MakeParams(random) || input.Channels == 1) return input;
        ImageBuffer gray = ColorOps.ToGrayscale(input, 3);
        if (input.Channels == 3) return gray;
        ImageBuffer rgba = ImageConversion.ToMode(gray, ImageMode.Rgba);
        for (int i = 3; i < rgba.Pixels.Length; i += 4) rgba.Pixels[i] = input.Pixels[i];
        return rgba;
    }

    public override string ToString() => $"RandomGrayscale(p={P})";
}
