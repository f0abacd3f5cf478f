using ModelZoo.Data.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms;

/// <summary>uint8 HWC image → float32 [C, H, W] tensor scaled to [0, 1] (torchvision v2 ToImage + ToDtype(float32, scale=True)).</summary>
public sealed class ToTensor : Transform<ImageBuffer, Tensor>
{
    public override Tensor Apply(ImageBuffer input, Random random) => ToFloatTensor(input);

    /// <summary>Converts without a transform object.</summary>
    public static Tensor ToFloatTensor(ImageBuffer image)
    {
        int n = image.Pixels.Length;
        var values = new float[n];
        int hw = image.Width * image.Height, c = image.Channels;
        byte[] p = image.Pixels;
        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < hw; i++)
                values[ch * hw + i] = p[i * c + ch] / 255f;
        return torch.tensor(values, new long[] { c, image.Height, image.Width });
    }

    /// <summary>uint8 [C, H, W] tensor without scaling (for normalisation on the device).</summary>
    public static Tensor ToByteTensor(ImageBuffer image)
    {
        using Tensor hwc = torch.tensor(image.Pixels, new long[] { image.Height, image.Width, image.Channels });
        return hwc.permute(2, 0, 1).contiguous();
    }
}
