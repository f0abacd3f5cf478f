using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests;

/// <summary>Remembers tensors so a test can check later that every one of them was disposed.</summary>
internal sealed class TensorTracker
{
    private readonly ConcurrentBag<Tensor> _tensors = new();

    public Tensor Track(Tensor tensor)
    {
        _tensors.Add(tensor);
        return tensor;
    }

    public int Count => _tensors.Count;
    public int Live => _tensors.Count(t => !t.IsInvalid);
}
