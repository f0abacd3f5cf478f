using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Models.Pretrained;

/// <summary>A model with its weights loaded, and what a caller needs to use it: the catalog entry (null for a plain
/// file), the file read, the load report, the class names and the evaluation preset when known. Disposing disposes
/// the model.</summary>
public sealed record PretrainedModel(
    ImageClassifier Model,
    PretrainedWeights? Weights,
    string File,
    LoadResult LoadResult,
    IReadOnlyList<string>? Categories,
    InferencePreset? Preset) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
