namespace ModelZoo.Models.Summary;

/// <summary>Forward hooks registered on several modules, removed together on <see cref="Dispose"/> (the one
/// place hook handles are released).</summary>
internal sealed class ForwardHookSet : IDisposable
{
    private readonly List<Action> _removers = new();

    /// <summary>Registers <paramref name="onCall"/>(input, output) as a forward hook of <paramref name="module"/>.
    /// The hook observes only: it returns the output unchanged.</summary>
    public void Add(nn.Module<Tensor, Tensor> module, Action<Tensor, Tensor> onCall)
    {
        var remover = module.register_forward_hook((_, input, output) =>
        {
            onCall(input, output);
            return output;
        });
        _removers.Add(remover.remove);
    }

    public void Dispose()
    {
        foreach (Action remove in _removers) remove();
        _removers.Clear();
    }
}
