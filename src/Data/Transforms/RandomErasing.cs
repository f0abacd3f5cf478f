using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// With probability <see cref="P"/> (default 0.5) erases a random rectangle of a [..., C, H, W] tensor (torchvision
/// RandomErasing): up to 10 tries of area ∈ <see cref="Scale"/> (0.02–0.33) × H·W and log-uniform aspect ratio
/// ∈ <see cref="Ratio"/> (0.3–3.3), strictly smaller than the image; the rectangle takes <see cref="Value"/> (one
/// value, or one per channel; default 0) or, with <see cref="RandomValue"/>, standard normal noise.
/// </summary>
public sealed class RandomErasing : Transform<Tensor, Tensor>
{
    public RandomErasing(double p = 0.5, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null,
        double[]? value = null, bool randomValue = false, bool inplace = false)
    {
        P = Check.Probability(p);
        Scale = Check.Range(scale ?? (0.02, 0.33), nameof(scale), 0);
        if (Scale.Max > 1) throw new ArgumentOutOfRangeException(nameof(scale), $"Erasing scale must lie in [0, 1]; got ({Scale.Min}, {Scale.Max}).");
        Ratio = Check.Range(ratio ?? (0.3, 3.3), nameof(ratio), 0);
        if (Ratio.Min <= 0) throw new ArgumentOutOfRangeException(nameof(ratio), "Erasing aspect ratios must be positive.");
        if (randomValue && value != null) throw new ArgumentException("Give either value or randomValue, not both.", nameof(value));
        if (value is { Length: 0 }) throw new ArgumentException("value needs one number, or one per channel.", nameof(value));
        Value = value ?? new[] { 0.0 };
        RandomValue = randomValue;
        Inplace = inplace;
    }

    public double P { get; }
    public (double Min, double Max) Scale { get; }
    public (double Min, double Max) Ratio { get; }
    public IReadOnlyList<double> Value { get; }
    public bool RandomValue { get; }
    public bool Inplace { get; }

    /// <summary>Whether to erase, the box, and the values: one per channel, or C·h·w noise values (channel-major).</summary>
    public readonly record struct Params(bool Erase, int Top, int Left, int Height, int Width, float[] Values);

    public Params MakeParams(int channels, int height, int width, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!RandomValue && Value.Count != 1 && Value.Count != channels)
            throw new ArgumentException($"RandomErasing has {Value.Count} values but the image has {channels} channels; give 1 or {channels}.");
        if (!RandomDraw.Chance(random, P)) return new Params(false, 0, 0, 0, 0, Array.Empty<float>());
        for (int attempt = 0; attempt < 10; attempt++)
        {
            (int h, int w) = RandomDraw.ScaledRectangle(random, (double)height * width, Scale, Ratio);
            if (!(h < height && w < width)) continue;
            float[] values = RandomValue
                ? Enumerable.Range(0, channels * h * w).Select(_ => (float)RandomDraw.Normal(random)).ToArray()
                : Enumerable.Range(0, channels).Select(c => (float)Value[Value.Count == 1 ? 0 : c]).ToArray();
            return new Params(true, random.Next(0, height - h + 1), random.Next(0, width - w + 1), h, w, values);
        }
        return new Params(false, 0, 0, 0, 0, Array.Empty<float>());
    }

    /// <summary>Stateless kernel (torchvision F.erase): a copy of <paramref name="input"/> (or the input itself when
    /// <paramref name="inplace"/>) with the box set to the values.</summary>
    public static Tensor Erase(Tensor input, Params p, bool inplace = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = inplace ? input : input.clone();
        if (!p.Erase || p.Height == 0 || p.Width == 0) return output;
        long c = input.shape[^3];
        using Tensor v = p.Values.Length == c
            ? torch.tensor(p.Values, new[] { c, 1, 1 }, dtype: input.dtype)
            : torch.tensor(p.Values, new[] { c, (long)p.Height, p.Width }, dtype: input.dtype);
        using Tensor box = output.narrow(-2, p.Top, p.Height).narrow(-1, p.Left, p.Width);
        using Tensor source = v.expand_as(box);
        box.copy_(source);
        return output;
    }

    public override Tensor Apply(Tensor input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3)
            throw new ArgumentException($"RandomErasing expects a [..., C, H, W] tensor; got [{string.Join(", ", input.shape)}].", nameof(input));
        Params p = MakeParams((int)input.shape[^3], (int)input.shape[^2], (int)input.shape[^1], random);
        return !p.Erase && Inplace ? input : Erase(input, p, Inplace);
    }

    public override string ToString() => $"RandomErasing(p={P}, scale=({Scale.Min}, {Scale.Max}), ratio=({Ratio.Min}, {Ratio.Max}), value={(RandomValue ? "random" : string.Join("/", Value))})";
}
