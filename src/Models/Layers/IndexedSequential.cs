using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Layers;

/// <summary>
/// A sequential container whose children are registered under their position ("0", "1", ...), exactly like
/// PyTorch's <c>nn.Sequential</c>, so state_dict keys read <c>features.0.weight</c>. Unlike TorchSharp's
/// <c>Sequential</c> it can replace a child in place (<see cref="Replace"/>: a new classifier or stem keeps its
/// key and position) and run only a prefix of its layers (<see cref="ForwardPrefix"/>: pre-logits).
/// Children are invoked with <c>call</c>, so forward hooks fire.
/// </summary>
public sealed class IndexedSequential : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.Module<Tensor, Tensor>> _layers = new();

    /// <summary>Creates the container with children named "0", "1", ... in order.</summary>
    public IndexedSequential(params nn.Module<Tensor, Tensor>[] layers) : base("Sequential")
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (nn.Module<Tensor, Tensor> layer in layers)
        {
            ArgumentNullException.ThrowIfNull(layer, nameof(layers));
            register_module(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
            _layers.Add(layer);
        }
    }

    /// <summary>Number of children.</summary>
    public int Count => _layers.Count;

    /// <summary>The child at <paramref name="index"/> (its state_dict prefix is the index).</summary>
    public nn.Module<Tensor, Tensor> this[int index] => _layers[index];

    /// <summary>Replaces the child at <paramref name="index"/> and returns the old one (not disposed: the
    /// caller owns it). The new child keeps the key and the position of the old one.</summary>
    public nn.Module<Tensor, Tensor> Replace(int index, nn.Module<Tensor, Tensor> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (index < 0 || index >= _layers.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The container has {_layers.Count} children (0..{_layers.Count - 1}).");
        nn.Module<Tensor, Tensor> old = _layers[index];
        _layers[index] = layer;
        // register_module refuses a name that is taken; the ordered dictionary's indexer swaps the module in
        // place, so the key keeps its position in named_children() and the state_dict.
        _internal_submodules[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = layer;
        return old;
    }

    public override Tensor forward(Tensor input) => ForwardPrefix(input, _layers.Count);

    /// <summary>Runs the first <paramref name="count"/> children only.</summary>
    public Tensor ForwardPrefix(Tensor input, int count)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (count < 0 || count > _layers.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The container has {_layers.Count} children.");
        Tensor x = input;
        for (int i = 0; i < count; i++)
        {
            Tensor next = _layers[i].call(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next)) x.Dispose();
            x = next;
        }
        return ReferenceEquals(x, input) ? x.alias() : x;
    }
}
