using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Resolution;

namespace ModelZoo.Training.Jobs;

/// <summary>The starting model of a fine-tune, resolved by <see cref="ModelResolver"/> from the weights catalog, a
/// torch.save file or a ModelZoo checkpoint, with the preprocessing it was trained with when known.</summary>
internal sealed record FinetuneSource(ImageClassifier Model, string Description, ModelOptions Options, InferencePreset? Preset)
{
    public static async Task<FinetuneSource> LoadAsync(FinetuneJobOptions options, IProgress<WeightsDownloadProgress>? progress, CancellationToken ct)
    {
        ResolvedModel resolved = await ModelResolver.ResolveAsync(options.Model, options.Weights,
            new ResolveOptions { Model = options.ModelOptions, Cache = options.Cache, Loading = options.Loading }, progress, ct).ConfigureAwait(false);
        InferencePreset? known = resolved.PreprocessingKnown ? resolved.Preprocessing : null;
        return new FinetuneSource(resolved.Model, resolved.Description, resolved.Options, known);
    }
}
