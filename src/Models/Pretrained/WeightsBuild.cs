namespace ModelZoo.Models.Pretrained;

/// <summary>A model built by an <see cref="IWeightsRule"/>, and the keys (or module prefixes) loading leaves untouched
/// (e.g. GoogLeNet's untrained <c>aux1</c>/<c>aux2</c> in torchvision's file when the heads are not wanted).</summary>
public sealed record WeightsBuild(ImageClassifier Model, IReadOnlyList<string> IgnoreKeys);
