using ModelZoo.Models.Pretrained;

namespace ModelZoo.Models.Resolution;

/// <summary>How <see cref="ModelResolver"/> builds the model for what the user named. Defaults: no options beyond what the
/// weights imply, the default cache (<c>$MODELZOO_HOME</c>, then PyTorch's hub cache, then a download).</summary>
public sealed record ResolveOptions
{
    /// <summary>Options of the model. For a plain weights file they shape the model (an unset NumClasses is read from
    /// the file's classifier); catalog weights imply theirs, and a conflicting NumClasses or InChannels is an error;
    /// a checkpoint is rebuilt with the options it records, so these are not used.</summary>
    public ModelOptions Model { get; init; } = new();

    /// <summary>The images the model will be fed (a dataset's channels and size), or null when not known. For a plain
    /// weights file, unset <see cref="Model"/> options are filled by the family's rule for them
    /// (<see cref="ModelEntry.OptionsFor"/>: a one-channel stem for grayscale data, LeNet-5 built for 28×28 digits).</summary>
    public InputImage? Input { get; init; }

    /// <summary>See <see cref="PretrainedOptions.AuxLogits"/> (GoogLeNet).</summary>
    public bool AuxLogits { get; init; }

    /// <summary>See <see cref="PretrainedOptions.TransformInput"/> (GoogLeNet).</summary>
    public bool? TransformInput { get; init; }

    /// <summary>See <see cref="PretrainedOptions.StateDictKey"/>.</summary>
    public string? StateDictKey { get; init; }

    /// <summary>Where catalog weights are cached and downloaded from.</summary>
    public WeightsCacheOptions Cache { get; init; } = new();

    /// <summary>See <see cref="PretrainedOptions.Loading"/>: key-map rules, matching by position, NaN/infinite values.</summary>
    public Weights.Loading.LoadOptions Loading { get; init; } = new();
}
