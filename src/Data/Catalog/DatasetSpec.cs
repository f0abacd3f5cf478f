namespace ModelZoo.Data.Catalog;

/// <summary>What a named dataset looks like to a model: image size (0 × 0 when images vary, as in an ImageFolder),
/// channels, normalisation and class names.</summary>
public sealed record DatasetSpec(string Name, int Channels, int Height, int Width, double[] Mean, double[] Std, IReadOnlyList<string> Classes)
{
    /// <summary>True when every image has the same size (<see cref="Height"/> × <see cref="Width"/>).</summary>
    public bool FixedSize => Height > 0 && Width > 0;
}
