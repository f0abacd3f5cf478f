using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;

namespace ModelZoo.Data.Tests;

/// <summary>A test augmentation that depends on its random stream: a coin-flip horizontal mirror and a random
/// brightness offset (so different streams give different bytes).</summary>
internal sealed class JitterTransform : Transform<ImageBuffer, ImageBuffer>
{
    public override ImageBuffer Apply(ImageBuffer input, Random random)
    {
        bool flip = random.NextDouble() < 0.5;
        int offset = random.Next(0, 40);
        var output = new ImageBuffer(input.Width, input.Height, input.Channels);
        for (int y = 0; y < input.Height; y++)
            for (int x = 0; x < input.Width; x++)
                for (int c = 0; c < input.Channels; c++)
                    output[y, x, c] = (byte)Math.Min(255, input[y, flip ? input.Width - 1 - x : x, c] + offset);
        return output;
    }
}
