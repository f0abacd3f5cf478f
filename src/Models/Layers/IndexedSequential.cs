namespace ModelZoo.Models.Layers;

/// <summary>
/// A sequential container whose children are registered under their position ("0", "1", ...), exactly like
/// PyTorch's <c>nn.Sequential</c>, so state_dict keys read <c>features.0.weight</c>. Unlike TorchSharp's
/// <c>Sequential</c> it can run only a prefix of its layers (<see cref="ForwardPrefix"/>: pre-logits), and it runs
/// whatever is registered at call time, so a child swapped with <see cref="ModuleSurgery.Replace"/> (a new
/// classifier or stem keeps its key and position) takes effect. Children are invoked with <c>call</c>, so
/// forward hooks fire.
/// </summary>
public sealed class IndexedSequential : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the container with children named "0", "1", ... in order.</summary>
    public IndexedSequential(params nn.Module<Tensor, Tensor>[] layers) : base("Sequential")
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(layers[i], nameof(layers));
            register_module(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i]);
        }
    }

    /// <summary>Number of children.</summary>
    public int Count => _internal_submodules.Count;

    /// <summary>The child at <paramref name="index"/> (its state_dict prefix is the index).</summary>
    public nn.Module<Tensor, Tensor> this[int index] => Layer(index);

    public override Tensor forward(Tensor input) => ForwardPrefix(input, Count);

    /// <summary>Runs the first <paramref name="count"/> children only.</summary>
    public Tensor ForwardPrefix(Tensor input, int count)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (count < 0 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The container has {Count} children.");
        Tensor x = input;
        for (int i = 0; i < count; i++)
        {
            Tensor next = Layer(i).call(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next)) x.Dispose();
            x = next;
        }
        return ReferenceEquals(x, input) ? x.alias() : x;
    }

    private nn.Module<Tensor, Tensor> Layer(int index)
    {
        nn.Module module = _internal_submodules[index].Item2;
        return module as nn.Module<Tensor, Tensor>
            ?? throw new InvalidOperationException($"Child {index} of the container is a {module.GetType().Name}, not a Module<Tensor, Tensor>.");
    }
}
