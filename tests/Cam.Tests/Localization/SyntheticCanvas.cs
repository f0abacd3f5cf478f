using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Localization;

/// <summary>
/// The pointing-game task: an RGB <see cref="Size"/>² canvas of Gaussian noise (σ = 0.3 per channel) with one
/// <see cref="Object"/>² patch pasted at a random place, +1 on its lit pixels in its class colour: class 0 solid red,
/// 1 green horizontal stripes, 2 blue vertical stripes, 3 yellow diagonal stripes (period 4 pixels); class 4, the
/// background, is noise alone. Every class has evidence of its own at every place of its patch. (With grey textures
/// alone, a small GAP network trained for seconds often learns one class as "a patch, but none of the other
/// textures", whose map then has no reason to peak on the patch.) Seeded, so every run draws the same images.
/// </summary>
internal static class SyntheticCanvas
{
    public const int Size = 32, Object = 12, Classes = 5, Background = 4;

    /// <summary>Images [count, 3, Size, Size], labels and each object's box (left, top; Object wide and high; null for
    /// the background class).</summary>
    public static (Tensor Images, Tensor Labels, (int X, int Y)?[] Boxes) Make(int count, int seed)
    {
        var rng = new Random(seed);
        var pixels = new float[count * 3 * Size * Size];
        var labels = new long[count];
        var boxes = new (int X, int Y)?[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % Classes, left = rng.Next(Size - Object + 1), top = rng.Next(Size - Object + 1);
            labels[n] = label;
            int offset = n * 3 * Size * Size;
            for (int i = 0; i < 3 * Size * Size; i++) pixels[offset + i] = (float)(0.3 * Gaussian(rng));
            if (label == Background) continue;
            boxes[n] = (left, top);
            for (int y = 0; y < Object; y++)
                for (int x = 0; x < Object; x++)
                    if (Inside(label, x, y))
                        for (int c = 0; c < 3; c++)
                            if (Lit(label, c)) pixels[offset + (c * Size + top + y) * Size + left + x] += 1f;
        }
        return (torch.tensor(pixels, new long[] { count, 3, Size, Size }), torch.tensor(labels), boxes);
    }

    /// <summary>The class colours: red, green, blue, yellow.</summary>
    private static bool Lit(int label, int channel) => label switch
    {
        0 => channel == 0,
        1 => channel == 1,
        2 => channel == 2,
        _ => channel < 2,
    };

    public static bool InBox((int X, int Y) box, (int X, int Y) point) =>
        point.X >= box.X && point.X < box.X + Object && point.Y >= box.Y && point.Y < box.Y + Object;

    private static bool Inside(int texture, int x, int y) => texture switch
    {
        0 => true,
        1 => y % 4 < 2,
        2 => x % 4 < 2,
        _ => (x + y) % 4 < 2,
    };

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
