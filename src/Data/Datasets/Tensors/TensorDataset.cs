using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Datasets.Tensors;

/// <summary>
/// Samples held in memory as tensors (PyTorch's TensorDataset for the classification case): item i is
/// (inputs[i], targets[i]). The dataset keeps its own copy of both tensors (on the CPU) and disposes them.
/// Indexing returns a view of the stored tensor, created in the caller's dispose scope.
/// </summary>
public sealed class TensorDataset : IDataset<TensorSample>, IDisposable
{
    private readonly Tensor _inputs;
    private readonly long[] _targets;

    /// <param name="inputs">[N, …] of any dtype (e.g. float [N, C, H, W]).</param>
    /// <param name="targets">[N] integer class indices.</param>
    public TensorDataset(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.dim() < 1)
            throw new ArgumentException("Inputs must have a leading sample dimension [N, ...]; got a scalar.", nameof(inputs));
        if (targets.dim() != 1 || targets.shape[0] != inputs.shape[0])
            throw new ArgumentException(
                $"Targets must be [N] with N = {inputs.shape[0]} (the inputs' first dimension); got [{string.Join(", ", targets.shape)}].", nameof(targets));
        if (targets.is_floating_point() || targets.is_complex() || targets.dtype == ScalarType.Bool)
            throw new ArgumentException($"Targets must be integer class indices; got {targets.dtype}.", nameof(targets));
        if (inputs.shape[0] > int.MaxValue) throw new ArgumentException("More than int.MaxValue samples.", nameof(inputs));
        using (torch.NewDisposeScope())
        {
            _inputs = inputs.detach().cpu().contiguous().clone().DetachFromDisposeScope();
            using Tensor longs = targets.detach().cpu().to_type(ScalarType.Int64);
            _targets = longs.data<long>().ToArray();
        }
        Count = (int)inputs.shape[0];
    }

    public int Count { get; }

    /// <summary>The stored inputs [N, …] (owned by the dataset; do not dispose).</summary>
    public Tensor Inputs => _inputs;

    /// <summary>The class indices.</summary>
    public IReadOnlyList<long> Targets => _targets;

    public TensorSample this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in 0..{Count - 1}.");
            return new TensorSample(_inputs[index], _targets[index]);
        }
    }

    public void Dispose() => _inputs.Dispose();
}
