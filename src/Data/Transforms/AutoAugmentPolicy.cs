namespace ModelZoo.Data.Transforms;

/// <summary>The learned AutoAugment policies (torchvision AutoAugmentPolicy).</summary>
public enum AutoAugmentPolicy
{
    ImageNet,
    Cifar10,
    Svhn,
}
