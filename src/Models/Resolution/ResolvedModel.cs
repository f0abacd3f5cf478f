using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.ModelZooFormat;

namespace ModelZoo.Models.Resolution;

/// <summary>
/// A model built and loaded by <see cref="ModelResolver"/>, with what a verb needs to use it: the preprocessing its
/// weights expect and its class names. Disposing disposes the model.
/// </summary>
public sealed class ResolvedModel : IDisposable
{
    /// <summary>The model, weights loaded, in training mode as built (switch to eval for inference).</summary>
    public required ImageClassifier Model { get; init; }

    /// <summary>The registered model name (see <see cref="Zoo"/>).</summary>
    public required string ModelName { get; init; }

    /// <summary>What the weights were: a catalog name, a state-dict file or a ModelZoo checkpoint.</summary>
    public required WeightsSource Source { get; init; }

    /// <summary>The full path of the file read (for catalog weights, the cached copy).</summary>
    public required string File { get; init; }

    /// <summary>The options the model was built with (for a fine-tune's checkpoint: how to rebuild it).</summary>
    public required ModelOptions Options { get; init; }

    /// <summary>The evaluation preprocessing (torchvision's <c>weights.transforms()</c>): the catalog entry's preset, the
    /// preprocessing a checkpoint was trained with (its image size fitted to the model, its normalisation), or, for a plain
    /// file, ImageNet's classic preset (see <see cref="PreprocessingKnown"/>). ModelZoo.Data's
    /// <c>PresetTransforms.FromPreset</c> turns it into transforms.</summary>
    public required InferencePreset Preprocessing { get; init; }

    /// <summary>True when <see cref="Preprocessing"/> comes from the weights (catalog or checkpoint); false for a plain
    /// file, whose preprocessing is unknown (then a dataset's own statistics are the better choice).</summary>
    public required bool PreprocessingKnown { get; init; }

    /// <summary>Class names in output order: the catalog's categories, a checkpoint's classes, or ImageNet's for a plain
    /// file with 1000 outputs; null when unknown (classes are then named by index).</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The catalog entry, for <see cref="WeightsSource.Catalog"/>.</summary>
    public PretrainedWeights? Catalog { get; init; }

    /// <summary>The checkpoint's header, for <see cref="WeightsSource.Checkpoint"/>.</summary>
    public ModelCheckpointInfo? Checkpoint { get; init; }

    /// <summary>The strict load report of a catalog or plain file (null for a checkpoint, whose weights load strictly in
    /// TorchSharp's format).</summary>
    public LoadResult? LoadResult { get; init; }

    /// <summary>A short description for output: "resnet50 IMAGENET1K_V2" or the file's path.</summary>
    public string Description => Catalog is { } w ? $"{w.Model} {w.Name}" : File;

    public void Dispose() => Model.Dispose();
}
