using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>A collated batch: inputs [N, C, H, W], int64 targets [N] and the dataset indices it holds.
/// The consumer owns and disposes it.</summary>
/// <param name="inputs">The images, [N, C, H, W].</param>
/// <param name="targets">The int64 class indices, [N].</param>
/// <param name="indices">The dataset index of each row.</param>
public sealed class Batch(Tensor inputs, Tensor targets, int[] indices) : IDisposable
{
    public Tensor Inputs { get; } = inputs;
    public Tensor Targets { get; } = targets;
    public int[] Indices { get; } = indices;
    public int Size => Indices.Length;

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
