using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Transforms;

/// <summary>With probability <see cref="RandomApplyTransform.P"/> (default 0.1) converts to greyscale keeping the channel count (RGB → three
/// equal channels; RGBA keeps its alpha) — torchvision RandomGrayscale.</summary>
public sealed class RandomGrayscale(double p = 0.1) : RandomApplyTransform(p)
{
    protected override ImageBuffer ApplyAlways(ImageBuffer input)
    {
        if (input.Channels == 1) return input;
        ImageBuffer gray = ColorOps.ToGrayscale(input, 3);
        if (input.Channels == 3) return gray;
        ImageBuffer rgba = ImageConversion.ToMode(gray, ImageMode.Rgba);
        for (int i = 3; i < rgba.Pixels.Length; i += 4) rgba.Pixels[i] = input.Pixels[i];
        return rgba;
    }
}
