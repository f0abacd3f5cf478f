namespace ModelZoo.Data.Transforms;

/// <summary>torchvision's interpolation modes, implemented as Pillow implements them for images (the PIL path of
/// torchvision). <see cref="Box"/>, <see cref="Hamming"/> and <see cref="Lanczos"/> apply to resizing only.</summary>
public enum InterpolationMode
{
    Nearest,
    Bilinear,
    Bicubic,
    Box,
    Hamming,
    Lanczos,
}
