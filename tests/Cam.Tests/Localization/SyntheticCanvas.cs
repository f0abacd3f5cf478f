using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Localization;

/// <summary>
/// The pointing-game task: a <see cref="Size"/>² canvas of Gaussian noise (σ = 0.35) with one <see cref="Object"/>²
/// shape pasted at a random place (brightness +1): class 0 filled square, 1 ring, 2 plus, 3 diagonal cross. Seeded, so
/// every run draws the same images.
/// </summary>
internal static class SyntheticCanvas
{
    public const int Size = 32, Object = 10, Classes = 4;

    /// <summary>Images [count, 1, Size, Size], labels and each object's box (left, top; Object wide and high).</summary>
    public static (Tensor Images, Tensor Labels, (int X, int Y)[] Boxes) Make(int count, int seed)
    {
        var rng = new Random(seed);
        var pixels = new float[count * Size * Size];
        var labels = new long[count];
        var boxes = new (int X, int Y)[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % Classes, left = rng.Next(Size - Object + 1), top = rng.Next(Size - Object + 1);
            labels[n] = label;
            boxes[n] = (left, top);
            int offset = n * Size * Size;
            for (int i = 0; i < Size * Size; i++) pixels[offset + i] = (float)(0.35 * Gaussian(rng));
            for (int y = 0; y < Object; y++)
                for (int x = 0; x < Object; x++)
                    if (Inside(label, x, y)) pixels[offset + (top + y) * Size + left + x] += 1f;
        }
        return (torch.tensor(pixels, new long[] { count, 1, Size, Size }), torch.tensor(labels), boxes);
    }

    public static bool InBox((int X, int Y) box, (int X, int Y) point) =>
        point.X >= box.X && point.X < box.X + Object && point.Y >= box.Y && point.Y < box.Y + Object;

    private static bool Inside(int shape, int x, int y)
    {
        double u = (x + 0.5) / Object * 2 - 1, v = (y + 0.5) / Object * 2 - 1, r = Math.Sqrt(u * u + v * v);
        return shape switch
        {
            0 => Math.Abs(u) <= 0.8 && Math.Abs(v) <= 0.8,
            1 => r <= 1.0 && r >= 0.55,
            2 => Math.Abs(u) <= 0.25 || Math.Abs(v) <= 0.25,
            _ => Math.Abs(u - v) <= 0.3 || Math.Abs(u + v) <= 0.3,
        };
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
