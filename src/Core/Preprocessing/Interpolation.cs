namespace ModelZoo.Core.Preprocessing;

/// <summary>torchvision's InterpolationMode, as Pillow implements it for images (the PIL path of torchvision): the
/// resampling filter of the image transforms and of an <see cref="InferencePreset"/>'s resize. <see cref="Box"/>,
/// <see cref="Hamming"/> and <see cref="Lanczos"/> apply to resizing only. (Named <c>Interpolation</c> so that it does
/// not clash with TorchSharp's <c>torch.InterpolationMode</c> under <c>using static TorchSharp.torch</c>.)</summary>
public enum Interpolation
{
    Nearest,
    Bilinear,
    Bicubic,
    Box,
    Hamming,
    Lanczos,
}
