namespace ModelZoo.Data;

/// <summary>What a named dataset looks like to a model: image size, channels, normalisation and class names.</summary>
public sealed record DatasetSpec(string Name, int Channels, int Height, int Width, double[] Mean, double[] Std, IReadOnlyList<string> Classes);
