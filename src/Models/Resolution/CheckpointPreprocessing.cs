using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Weights.ModelZooFormat;

namespace ModelZoo.Models.Resolution;

/// <summary>
/// The evaluation preset that reproduces a checkpoint's training preprocessing (the <see cref="InputFit"/> rule training
/// used): fixed-size training images (MNIST's 28×28) are resized to that size, then kept, zero-padded (a center crop
/// larger than the image) or resized to the model's input; images of varying size are resized and center-cropped to the
/// model's square side. Normalisation is the checkpoint's, else 0.5/0.5 for grayscale and ImageNet's for RGB.
/// Training images are square in every catalog dataset; a non-square size is fitted by its shorter side.
/// </summary>
internal static class CheckpointPreprocessing
{
    public static InferencePreset For(ImageClassifier model, ModelEntry entry, ModelCheckpointInfo info)
    {
        int channels = model.InChannels;
        IReadOnlyList<double> mean = info.Mean ?? Default(channels, InferencePreset.ImageNet.Mean, 0.5);
        IReadOnlyList<double> std = info.Std ?? Default(channels, InferencePreset.ImageNet.Std, 0.5);
        int resize, crop;
        if (info.ImageSize is [int height, int width])
        {
            InputFit fit = InputFit.ForFixedSize(model, height, width);
            crop = Math.Max(fit.Height, fit.Width);
            resize = fit.Kind == InputFitKind.Resize ? crop : Math.Min(height, width);
        }
        else
        {
            crop = InputFit.SquareSide(model, entry.DefaultImageSize);
            resize = InputFit.ResizeBeforeCrop(crop);
        }
        return new InferencePreset(resize, crop, Interpolation.Bilinear, mean, std);
    }

    private static IReadOnlyList<double> Default(int channels, IReadOnlyList<double> rgb, double gray) =>
        channels == rgb.Count ? rgb : Enumerable.Repeat(gray, channels).ToArray();
}
