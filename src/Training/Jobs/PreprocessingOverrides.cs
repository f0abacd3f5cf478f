using System.Globalization;
using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Catalog;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Resolution;

namespace ModelZoo.Training.Jobs;

/// <summary>
/// What a user says about the preprocessing a model was trained with, for evaluating (and predicting with) weights
/// written elsewhere: the CLI's <c>--preset</c>, <c>--resize</c>, <c>--crop</c>, <c>--pad</c>, <c>--mean</c>/<c>--std</c>
/// and <c>--input-size</c>. Unset parts keep what the verb would choose (for evaluate: the dataset fitted to the model
/// as in training, normalised with the checkpoint's or the dataset's statistics). The image steps run in the order
/// resize (shorter side) → centre crop → zero padding → scale to [0, 1] → normalise.
/// </summary>
public sealed record PreprocessingOverrides
{
    /// <summary><c>imagenet</c> (resize 256, crop 224, ImageNet statistics), <c>none</c> (no resizing, cropping or
    /// padding), or a weights name whose preset to use (<c>IMAGENET1K_V2</c>, <c>ResNet50_Weights.IMAGENET1K_V2</c>).</summary>
    public string? Preset { get; init; }

    /// <summary>Shorter side after resizing (bilinear, antialiased).</summary>
    public int? Resize { get; init; }

    /// <summary>Centre-crop size (square).</summary>
    public int? Crop { get; init; }

    /// <summary>Zero pixels added on every side (e.g. 2 for 28×28 digits into LeNet-5's 32×32).</summary>
    public int? Pad { get; init; }

    /// <summary>Per-channel mean; give <see cref="Std"/> with it.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <summary>Per-channel standard deviation; give <see cref="Mean"/> with it.</summary>
    public IReadOnlyList<double>? Std { get; init; }

    /// <summary>Input size to build a fixed-size model with (LeNet-5: 28 or 32).</summary>
    public int? InputSize { get; init; }

    /// <summary>True when the image steps are replaced (a preset, a resize, a crop or padding), not only the statistics.</summary>
    public bool ChangesImages => Preset is not null || Resize is not null || Crop is not null || Pad is not null;

    /// <summary>Throws <see cref="ArgumentException"/> for values that cannot work, naming the CLI option.</summary>
    public void Validate()
    {
        if ((Mean is null) != (Std is null)) throw new ArgumentException("Give --mean and --std together.");
        if (Mean is not null && (Mean.Count == 0 || Mean.Count != Std!.Count))
            throw new ArgumentException($"--mean and --std need one value per channel each; got {Mean.Count} and {Std!.Count}.");
        if (Std?.Any(s => !(s > 0)) == true) throw new ArgumentException("Every --std value must be > 0.");
        if (Resize is < 1) throw new ArgumentException($"--resize must be >= 1; got {Resize}.");
        if (Crop is < 1) throw new ArgumentException($"--crop must be >= 1; got {Crop}.");
        if (Pad is < 0) throw new ArgumentException($"--pad must be >= 0; got {Pad}.");
        if (IsNone(Preset) && (Resize is not null || Crop is not null))
            throw new ArgumentException("--preset none does not resize or crop; drop --resize/--crop or pick another preset.");
    }

    /// <summary>The evaluation transform for <paramref name="spec"/>'s images into <paramref name="model"/>, normalised
    /// with this record's statistics, else the preset's, else <paramref name="spec"/>'s (<paramref name="modelName"/> finds
    /// weights presets by name).</summary>
    internal ITransform ForDataset(ImageClassifier model, string modelName, DatasetSpec spec, int preferredSize)
    {
        Validate();
        if (model.InChannels != spec.Channels)
            throw new ArgumentException($"Model expects {model.InChannels} input channel(s) but dataset '{spec.Name}' has {spec.Channels}.");
        InferencePreset? preset = PresetNamed(modelName, Preset);
        bool none = IsNone(Preset);
        IReadOnlyList<double> mean = Mean ?? (preset is null || none ? spec.Mean : preset.Mean), std = Std ?? (preset is null || none ? spec.Std : preset.Std);
        if (mean.Count != model.InChannels)
            throw new ArgumentException($"The normalisation has {mean.Count} channel(s) but {modelName} takes {model.InChannels}; give --mean and --std with {model.InChannels} value(s) each.");
        if (preset is null && !none && Resize is null && Crop is null && Pad is null)
            return DataPipeline.Preprocessing(model, spec with { Mean = mean.ToArray(), Std = std.ToArray() }, preferredSize, augment: null);

        var steps = new List<ITransform>();
        int? resize = Resize ?? preset?.ResizeSize, crop = Crop ?? preset?.CropSize;
        Interpolation interpolation = preset?.Interpolation ?? Interpolation.Bilinear;
        if (!none && resize is { } r) steps.Add(new Resize(r, interpolation));
        if (!none && crop is { } c) steps.Add(new CenterCrop(c));
        if (Pad is { } p and > 0) steps.Add(new Pad(p));
        steps.Add(new ToTensor());
        steps.Add(new Normalize(mean, std));
        if (spec.FixedSize && model.FixedInputSize is { } fixedSize)
        {
            (int h, int w) = (spec.Height, spec.Width);
            if (!none && resize is { } rs) (h, w) = ResizeOf(h, w, rs);
            if (!none && crop is { } cs) (h, w) = (cs, cs);
            if (Pad is { } ps) (h, w) = (h + 2 * ps, w + 2 * ps);
            if ((h, w) != fixedSize)
                throw new ArgumentException($"The preprocessing turns dataset '{spec.Name}''s {spec.Height}x{spec.Width} images into {h}x{w}, but {modelName} "
                    + $"takes {fixedSize.Height}x{fixedSize.Width}; adjust --resize/--crop/--pad (or --input-size).");
        }
        return new Compose(steps.ToArray());
    }

    /// <summary>The transform for single images into <paramref name="loaded"/>'s model and a description of it: the
    /// preset (default, and <c>auto</c>: the resolved weights' own preprocessing), with <c>--resize</c>, <c>--crop</c>,
    /// <c>--mean</c> and <c>--std</c> replacing its values and <c>--pad</c> zero-padding after the crop. <c>predict</c>,
    /// <c>cam</c> and <c>filters</c> use it.</summary>
    public (ITransform Transform, string Description) ForImages(ResolvedModel loaded, string modelName)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Validate();
        bool none = IsNone(Preset);
        InferencePreset basis = PresetNamed(modelName, Preset) ?? loaded.Preprocessing;
        IReadOnlyList<double> m = Mean ?? basis.Mean, s = Std ?? basis.Std;
        if (m.Count != loaded.Model.InChannels)
            throw new ArgumentException(
                $"The normalisation has {m.Count} channel(s) but {modelName} takes {loaded.Model.InChannels}; give --mean and --std with {loaded.Model.InChannels} value(s) each.");
        string stats = string.Create(CultureInfo.InvariantCulture, $"mean [{string.Join(", ", m)}], std [{string.Join(", ", s)}]");
        (Compose transform, string description) = none
            ? (PresetTransforms.ScaleAndNormalize(m, s), $"preset none: scale to [0, 1], {stats}")
            : WithSizes(basis, m, s);
        if (Pad is not { } pad || pad == 0) return (transform, description);
        ITransform[] steps = transform.Transforms.ToArray();
        int at = Array.FindIndex(steps, t => t is ToTensor);
        return (new Compose([.. steps[..at], new Pad(pad), .. steps[at..]]), $"{description}, pad {pad}");
    }

    /// <summary><paramref name="basis"/> with this record's resize and crop: a crop alone also caps the resize at the crop
    /// when the basis resizes less, a resize alone caps the crop.</summary>
    private (Compose Transform, string Description) WithSizes(InferencePreset basis, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        int c = basis.CropSize, r = basis.ResizeSize;
        if (Resize is not null || Crop is not null)
        {
            c = Crop ?? Math.Min(basis.CropSize, Resize ?? basis.CropSize);
            r = Resize ?? Math.Max(basis.ResizeSize, c);
            if (c < 1 || r < c) throw new ArgumentException($"Need 1 <= --crop <= --resize; got crop {c}, resize {r}.");
        }
        var chosen = new InferencePreset(r, c, basis.Interpolation, mean, std);
        return (PresetTransforms.FromPreset(chosen),
            $"preset: {chosen}");
    }

    private static (int, int) ResizeOf(int h, int w, int size) => Data.Transforms.Functional.ResizeOps.OutputSize(h, w, size);

    private static bool IsNone(string? preset) => preset?.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The preset <paramref name="name"/> names; null for the verb's default (unset, <c>auto</c>) and for
    /// <c>none</c>.</summary>
    private static InferencePreset? PresetNamed(string model, string? name)
    {
        string key = name?.Trim() ?? "";
        if (key.Length == 0 || IsNone(key) || key.Equals("auto", StringComparison.OrdinalIgnoreCase)) return null;
        if (key.Equals("imagenet", StringComparison.OrdinalIgnoreCase)) return InferencePreset.ImageNet;
        if (WeightsCatalog.TryGet(model, key, out PretrainedWeights? own)) return own.Preset;
        PretrainedWeights? any = WeightsCatalog.All.FirstOrDefault(w => string.Equals(w.TorchvisionName, key, StringComparison.OrdinalIgnoreCase));
        return any?.Preset ?? throw new ArgumentException(
            $"Unknown --preset '{key}'. Use imagenet, none, a weights name of {model} or a qualified name such as ResNet50_Weights.IMAGENET1K_V2.");
    }
}
