namespace ModelZoo.Data.Transforms;

/// <summary>
/// A transform of one sample. Images flow as <see cref="Imaging.ImageBuffer"/> (uint8 HWC) and become tensors at
/// <see cref="ToTensor"/>; tensor transforms follow. Random transforms draw their parameters from the given
/// <see cref="Random"/> (the loader passes <see cref="SampleRandom.For"/>(seed, epoch, index)) and nothing else.
/// Tensor outputs are created in the caller's dispose scope (the data loader opens one per sample).
/// </summary>
public interface ITransform
{
    Type InputType { get; }
    Type OutputType { get; }
    object Apply(object input, Random random);
}
