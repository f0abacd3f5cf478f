namespace ModelZoo.Cam;

/// <summary>A [Height, Width] map of floats, row-major (row y, column x at y * Width + x).</summary>
public sealed class CamMap
{
    public CamMap(int width, int height, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"A map needs at least 1x1 values; got {width}x{height}.");
        if (values.Length != width * height)
            throw new ArgumentException($"A {width}x{height} map needs {width * height} values; got {values.Length}.", nameof(values));
        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major values.</summary>
    public float[] Values { get; }

    public float this[int y, int x] => Values[y * Width + x];

    /// <summary>The (x, y) of the largest value (the first one in row-major order on ties).</summary>
    public (int X, int Y) Peak
    {
        get
        {
            int best = 0;
            for (int i = 1; i < Values.Length; i++)
                if (Values[i] > Values[best]) best = i;
            return (best % Width, best / Width);
        }
    }

    public float Max => Values.Max();
    public float Min => Values.Min();

    /// <summary>A new float32 [Height, Width] tensor on the CPU (in the caller's dispose scope).</summary>
    public Tensor ToTensor() => torch.tensor(Values, new long[] { Height, Width }, dtype: ScalarType.Float32);

    /// <summary>Maps of a float [N, H, W] tensor (any device), one per row.</summary>
    internal static CamMap[] FromBatch(Tensor maps)
    {
        using Tensor cpu = maps.detach().to(ScalarType.Float32).cpu().contiguous();
        int n = (int)cpu.shape[0], h = (int)cpu.shape[1], w = (int)cpu.shape[2];
        float[] all = cpu.data<float>().ToArray();
        var result = new CamMap[n];
        for (int i = 0; i < n; i++) result[i] = new CamMap(w, h, all.AsSpan(i * h * w, h * w).ToArray());
        return result;
    }

    public override string ToString() => $"CamMap {Width}x{Height}";
}
