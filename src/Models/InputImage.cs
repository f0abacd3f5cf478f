namespace ModelZoo.Models;

/// <summary>
/// The images a model is about to be built for: their channel count and, when every image has the same size (MNIST's
/// 28×28, CIFAR's 32×32), their height and width. Null means "not known" (a channel count the caller does not want to
/// impose, or images of varying size such as an image folder). A family turns this into options with
/// <see cref="ModelEntry.OptionsFor"/> (e.g. LeNet-5 is built for 28×28 digits, a grayscale dataset gets a one-channel stem).
/// </summary>
/// <param name="Channels">Channels of the images (1 grayscale, 3 RGB), or null to keep the family's default stem.</param>
/// <param name="Height">Height of every image, or null when they vary.</param>
/// <param name="Width">Width of every image, or null when they vary.</param>
public sealed record InputImage(int? Channels, int? Height = null, int? Width = null)
{
    /// <summary>True when every image has the same <see cref="Height"/> and <see cref="Width"/>.</summary>
    public bool FixedSize => Height is not null && Width is not null;
}
