using ModelZoo.Core.Preprocessing;

namespace ModelZoo.Data.Transforms;

/// <summary>
/// Ready-made pipelines. <see cref="Augment"/> returns the ImageBuffer → ImageBuffer training augmentation named by
/// the CLI's <c>--augment</c>; <see cref="Train"/> adds ToTensor + Normalize; <see cref="ImageNetEval"/> is the
/// standard evaluation pipeline (resize 256 → centre crop 224 → tensor → normalise).
/// </summary>
public static class Presets
{
    /// <summary>The names <see cref="Augment"/> accepts.</summary>
    public static IReadOnlyList<string> AugmentNames { get; } = new[] { "none", "basic", "digits", "imagenet", "trivialaugment" };

    /// <summary>
    /// A training augmentation producing <paramref name="size"/> × <paramref name="size"/> images:
    /// <c>none</c> = Resize(size) + CenterCrop(size) (a no-op on images already that size);
    /// <c>basic</c> = that, then RandomCrop(size, padding = size/8) + RandomHorizontalFlip (the CIFAR recipe: padding 4 at 32);
    /// <c>digits</c> = that, then RandomAffine(±10°, translate 10 %, scale 0.9–1.1, bilinear): no flips, for MNIST-like data;
    /// <c>imagenet</c> = RandomResizedCrop(size) + RandomHorizontalFlip + ColorJitter(0.4, 0.4, 0.4);
    /// <c>trivialaugment</c> = RandomResizedCrop(size) + RandomHorizontalFlip + TrivialAugmentWide.
    /// </summary>
    public static Compose Augment(string name, int size)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "Preset image size must be positive.");
        return name.Trim().ToLowerInvariant() switch
        {
            "none" => new Compose(new Resize(size), new CenterCrop(size)),
            "basic" => new Compose(new Resize(size), new CenterCrop(size), new RandomCrop(size, padding: Math.Max(1, size / 8)), new RandomHorizontalFlip()),
            "digits" => new Compose(new Resize(size), new CenterCrop(size),
                new RandomAffine(10, translate: (0.1, 0.1), scale: (0.9, 1.1), interpolation: Interpolation.Bilinear)),
            "imagenet" => new Compose(new RandomResizedCrop(size), new RandomHorizontalFlip(), new ColorJitter(0.4, 0.4, 0.4)),
            "trivialaugment" => new Compose(new RandomResizedCrop(size), new RandomHorizontalFlip(), new TrivialAugmentWide()),
            _ => throw new ArgumentException($"Unknown augmentation preset '{name}'; expected one of: {string.Join(", ", AugmentNames)}.", nameof(name)),
        };
    }

    /// <summary><see cref="Augment"/> followed by ToTensor and Normalize (default ImageNet statistics): ImageBuffer → float [C, H, W].</summary>
    public static Compose Train(string name, int size, IReadOnlyList<double>? mean = null, IReadOnlyList<double>? std = null)
    {
        Compose augment = Augment(name, size);
        return new Compose(augment.Transforms.Append(new ToTensor()).Append(new Normalize(mean ?? DatasetStatistics.ImageNetMean, std ?? DatasetStatistics.ImageNetStd)).ToArray());
    }

    /// <summary>Evaluation: Resize(<paramref name="resize"/>, shorter side) → CenterCrop(<paramref name="crop"/>) → ToTensor →
    /// Normalize (default ImageNet statistics). Matches torchvision's classic eval transform exactly on the same pixels.</summary>
    public static Compose ImageNetEval(int resize = 256, int crop = 224, IReadOnlyList<double>? mean = null, IReadOnlyList<double>? std = null,
        Interpolation interpolation = Interpolation.Bilinear)
    {
        if (crop < 1) throw new ArgumentOutOfRangeException(nameof(crop), crop, "Crop size must be positive.");
        return new Compose(new Resize(resize, interpolation), new CenterCrop(crop), new ToTensor(), new Normalize(mean ?? DatasetStatistics.ImageNetMean, std ?? DatasetStatistics.ImageNetStd));
    }
}
