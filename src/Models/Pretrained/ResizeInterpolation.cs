namespace ModelZoo.Models.Pretrained;

/// <summary>The resampling filter of an <see cref="InferencePreset"/>'s resize (torchvision's <c>InterpolationMode</c>).</summary>
public enum ResizeInterpolation
{
    Nearest,
    Bilinear,
    Bicubic,
}
