using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.Synthetic;

/// <summary>Rasterises the synthetic shapes with 4×4 supersampling, then adds Gaussian noise.</summary>
internal static class ShapeRenderer
{
    public static ImageBuffer Render(int shape, int size, Random rng)
    {
        double scale = size * (0.28 + 0.14 * rng.NextDouble());          // half-extent in pixels
        double angle = (rng.NextDouble() * 2 - 1) * Math.PI / 9;           // ±20°
        double cx = size / 2.0 + (rng.NextDouble() * 2 - 1) * size * 0.12;
        double cy = size / 2.0 + (rng.NextDouble() * 2 - 1) * size * 0.12;
        double stroke = 0.18 + 0.1 * rng.NextDouble();                     // in shape units
        double brightness = 0.65 + 0.35 * rng.NextDouble();
        double noise = 0.05 + 0.05 * rng.NextDouble();
        double cos = Math.Cos(angle), sin = Math.Sin(angle);

        var image = new ImageBuffer(size, size, 1);
        const int ss = 4;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int hits = 0;
                for (int sy = 0; sy < ss; sy++)
                {
                    for (int sx = 0; sx < ss; sx++)
                    {
                        double px = x + (sx + 0.5) / ss - cx, py = y + (sy + 0.5) / ss - cy;
                        double u = (cos * px + sin * py) / scale, v = (-sin * px + cos * py) / scale;
                        if (Inside(shape, u, v, stroke)) hits++;
                    }
                }
                double value = brightness * hits / (ss * ss) + noise * Gaussian(rng);
                image.Pixels[y * size + x] = (byte)Math.Clamp(Math.Round(value * 255), 0, 255);
            }
        }
        return image;
    }

    /// <summary>Shape membership in unit coordinates (u, v ∈ [−1, 1]).</summary>
    private static bool Inside(int shape, double u, double v, double t)
    {
        double r = Math.Sqrt(u * u + v * v);
        double au = Math.Abs(u), av = Math.Abs(v);
        return shape switch
        {
            0 => r <= 0.9,                                                   // disk
            1 => r <= 0.95 && r >= 0.95 - t * 1.4,                           // ring
            2 => au <= 0.8 && av <= 0.8,                                     // square
            3 => au <= 0.9 && av <= 0.9 && (au >= 0.9 - t * 1.3 || av >= 0.9 - t * 1.3), // frame
            4 => v <= 0.75 && v >= -0.95 + 1.7 * au,                         // triangle (apex up)
            5 => (au <= t && av <= 0.95) || (av <= t && au <= 0.95),         // plus
            6 => r <= 1.0 && (Math.Abs(u - v) <= t * 1.41 || Math.Abs(u + v) <= t * 1.41), // cross (X)
            7 => av <= t * 1.2 && au <= 0.95,                                // horizontal bar
            8 => Math.Sqrt((u + 0.5) * (u + 0.5) + v * v) <= 0.35 || Math.Sqrt((u - 0.5) * (u - 0.5) + v * v) <= 0.35, // two dots
            9 => (v >= -0.95 && v <= -0.95 + t * 1.6 && au <= 0.9) || (au <= t && v >= -0.95 && v <= 0.95), // tee
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
