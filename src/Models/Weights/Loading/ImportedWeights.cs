using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Models.Weights.Loading;

/// <summary>A model built and loaded by an <see cref="IWeightsImporter"/>, with the load report and, when the file or its
/// known source says, the preprocessing and class names.</summary>
public sealed record ImportedWeights(ImageClassifier Model, LoadResult Result, InferencePreset? Preset, IReadOnlyList<string>? Categories);
