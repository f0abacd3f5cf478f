namespace ModelZoo.Data.Transforms;

/// <summary>The image operations of AutoAugment, RandAugment and TrivialAugmentWide (torchvision's names).</summary>
public enum AugmentOp
{
    Identity,
    ShearX,
    ShearY,
    TranslateX,
    TranslateY,
    Rotate,
    Brightness,
    Color,
    Contrast,
    Sharpness,
    Posterize,
    Solarize,
    AutoContrast,
    Equalize,
    Invert,
}
