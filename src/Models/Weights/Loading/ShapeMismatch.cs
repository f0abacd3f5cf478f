namespace ModelZoo.Models.Weights.Loading;

/// <summary>A checkpoint tensor whose shape differs from the model's tensor of the same name.</summary>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Got)
{
    public override string ToString() =>
        $"{Key}: checkpoint has {TensorIO.ShapeText(Got)}, the model has {TensorIO.ShapeText(Expected)}";
}
