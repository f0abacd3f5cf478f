using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>A collated batch: inputs [N, C, H, W], int64 targets [N] and the dataset indices it holds.
/// The consumer owns and disposes it.</summary>
public sealed class Batch : IDisposable
{
    public Batch(Tensor inputs, Tensor targets, int[] indices)
    {
        Inputs = inputs;
        Targets = targets;
        Indices = indices;
    }

    public Tensor Inputs { get; }
    public Tensor Targets { get; }
    public int[] Indices { get; }
    public int Size => Indices.Length;

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
