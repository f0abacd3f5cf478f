using System.Text.RegularExpressions;
using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Models.Pretrained;

/// <summary>
/// One published set of weights (torchvision's <c>Weights</c> entry): where the file lives, its SHA-256 prefix,
/// the metrics and size torchvision publishes, the evaluation preset and the categories. Entries come from
/// <see cref="TorchvisionWeights"/> (generated from torchvision 0.14's metadata) and are looked up with
/// <see cref="Get"/> / <see cref="WeightsCatalog"/>.
/// <para>Weights imply options: a model built for them has <see cref="NumClasses"/> outputs (a conflicting
/// <c>NumClasses</c> is an error), 3 input channels, and for GoogLeNet <c>TransformInput = true</c>.</para>
/// </summary>
public sealed partial record PretrainedWeights
{
    /// <summary>Registered model name the weights belong to (e.g. "resnet50").</summary>
    public required string Model { get; init; }

    /// <summary>torchvision's entry name (e.g. "IMAGENET1K_V2").</summary>
    public required string Name { get; init; }

    /// <summary>torchvision's qualified name (e.g. "ResNet50_Weights.IMAGENET1K_V2").</summary>
    public required string TorchvisionName { get; init; }

    /// <summary>Download URL (torchvision's).</summary>
    public required string Url { get; init; }

    /// <summary>The file name, as torchvision caches it: <c>&lt;stem&gt;-&lt;sha256 prefix&gt;.pth</c>.</summary>
    public string FileName => Url[(Url.LastIndexOf('/') + 1)..];

    /// <summary>The leading hex digits of the file's SHA-256 embedded in <see cref="FileName"/> (torch.hub's
    /// <c>check_hash</c> convention), e.g. "11ad3fa6".</summary>
    public string Sha256Prefix => HashPattern().Matches(FileName) is { Count: > 0 } m
        ? m[^1].Groups[1].Value
        : throw new InvalidOperationException($"The file name '{FileName}' carries no '-<sha256 prefix>.' part.");

    /// <summary>Published ImageNet-1k top-1 accuracy in percent (null when not applicable, e.g. feature-only weights).</summary>
    public double? Acc1 { get; init; }

    /// <summary>Published ImageNet-1k top-5 accuracy in percent.</summary>
    public double? Acc5 { get; init; }

    /// <summary>Parameter count of the model the weights load into (torchvision's <c>num_params</c>).</summary>
    public long NumParams { get; init; }

    /// <summary>Giga floating-point operations per 224×224 image, as torchvision documents (multiply-adds).</summary>
    public double Gflops { get; init; }

    /// <summary>Smallest input height and width the model accepts (torchvision's <c>min_size</c>).</summary>
    public int MinSize { get; init; }

    /// <summary>The evaluation preprocessing (from <c>weights.transforms()</c>).</summary>
    public required InferencePreset Preset { get; init; }

    /// <summary>State-dict prefix of the stem convolution (e.g. "conv1", "features.0", "conv1.conv").</summary>
    public required string StemName { get; init; }

    /// <summary>State-dict prefix of the final classifier layer (e.g. "fc", "classifier.6").</summary>
    public required string ClassifierName { get; init; }

    /// <summary>True when the weights classify the 1000 ImageNet categories (false for feature-only weights such as
    /// vgg16's IMAGENET1K_FEATURES, whose classifier holds NaNs).</summary>
    public bool HasImageNetCategories { get; init; }

    /// <summary>The class names in output order (<see cref="ImageNetCategories.All"/>), or null for feature-only weights.</summary>
    public IReadOnlyList<string>? Categories => HasImageNetCategories ? ImageNetCategories.All : null;

    /// <summary>Number of classes the weights imply (null when they carry no categories).</summary>
    public int? NumClasses => Categories?.Count;

    /// <summary>True for torchvision's <c>DEFAULT</c> of <see cref="Model"/>.</summary>
    public bool IsDefault { get; init; }

    /// <summary>Training recipe (torchvision's link).</summary>
    public string Recipe { get; init; } = "";

    /// <summary>torchvision's remarks on the weights.</summary>
    public string Notes { get; init; } = "";

    /// <summary>The catalog entry <paramref name="weights"/> ("IMAGENET1K_V2", "DEFAULT", or torchvision's
    /// "ResNet50_Weights.IMAGENET1K_V2") of <paramref name="model"/>; see <see cref="WeightsCatalog.Get"/>.</summary>
    public static PretrainedWeights Get(string model, string weights = "DEFAULT") => WeightsCatalog.Get(model, weights);

    public override string ToString() => $"{Model} {Name} ({FileName})";

    [GeneratedRegex(@"-([a-f0-9]+)\.")]
    private static partial Regex HashPattern();
}
