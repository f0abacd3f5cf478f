using ModelZoo.Data.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Transforms;

/// <summary>Applies an ImageBuffer → Tensor transform (e.g. Compose(ToTensor, Normalize)) to every crop of
/// <see cref="FiveCrop"/>/<see cref="TenCrop"/> and stacks them into [N, C, H, W] (torchvision's usual Lambda).</summary>
public sealed class StackCrops : Transform<ImageBuffer[], Tensor>
{
    public StackCrops(ITransform perCrop)
    {
        ArgumentNullException.ThrowIfNull(perCrop);
        if (perCrop.InputType != typeof(ImageBuffer) || perCrop.OutputType != typeof(Tensor))
            throw new ArgumentException($"StackCrops needs an ImageBuffer → Tensor transform; got {perCrop.InputType.Name} → {perCrop.OutputType.Name}.", nameof(perCrop));
        PerCrop = perCrop;
    }

    public ITransform PerCrop { get; }

    public override Tensor Apply(ImageBuffer[] input, Random random)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = torch.NewDisposeScope();
        Tensor[] crops = input.Select(c => (Tensor)PerCrop.Apply(c, random)).ToArray();
        return torch.stack(crops).MoveToOuterDisposeScope();
    }

    public override string ToString() => $"StackCrops({PerCrop})";
}
