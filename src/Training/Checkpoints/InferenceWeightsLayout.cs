namespace ModelZoo.Training.Checkpoints;

/// <summary>
/// How a training checkpoint stores inference weights (<see cref="TrainingState.InferenceWeights"/>, e.g. an EMA under
/// "ema"): the weights section holds them, so any reader of the model gets them, and the tensor section holds the raw
/// training weights under <c>raw/NAME</c> instead of the callback's <c>KEY/NAME</c> copies (which would repeat the
/// weights section). Restoring reverses it: the callback's tensors are taken from the weights section, the raw weights
/// go back into the model.
/// </summary>
internal static class InferenceWeightsLayout
{
    public const string RawKey = "raw";

    /// <summary>True when <paramref name="tensors"/> hold <c>key/NAME</c> for every state-dict entry, with its shape.</summary>
    public static bool Covers(ImageClassifier model, IReadOnlyList<KeyValuePair<string, Tensor>> tensors, string key)
    {
        var named = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, Tensor t) in tensors) named[name] = t;
        return model.state_dict().All(p => named.TryGetValue(key + "/" + p.Key, out Tensor? t) && t.shape.SequenceEqual(p.Value.shape));
    }

    /// <summary>Writes the model with the <paramref name="key"/> tensors in place of its own and returns the tensor
    /// section to write: the other callbacks' tensors and clones of the raw weights as <c>raw/NAME</c> (free them with
    /// <see cref="DisposeRaw"/>). The model's weights are unchanged afterwards.</summary>
    public static IReadOnlyList<KeyValuePair<string, Tensor>> SaveSwapped(ImageClassifier model, BinaryWriter writer,
        IReadOnlyList<KeyValuePair<string, Tensor>> tensors, string key)
    {
        string prefix = key + "/";
        var inference = tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
        var section = tensors.Where(p => !p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var raw = new List<KeyValuePair<string, Tensor>>();
        using var scope = torch.NewDisposeScope();
        try
        {
            using (torch.no_grad())
                foreach ((string name, Tensor live) in model.state_dict())
                {
                    raw.Add(KeyValuePair.Create(RawKey + "/" + name, live.detach().clone().DetachFromDisposeScope()));
                    live.copy_(inference[name]);
                }
            model.save(writer);
        }
        finally
        {
            Dictionary<string, Tensor> state = model.state_dict();
            using (torch.no_grad())
                foreach ((string name, Tensor saved) in raw) state[name[(RawKey.Length + 1)..]].copy_(saved);
        }
        section.AddRange(raw);
        return section;
    }

    /// <summary>Disposes the <c>raw/</c> clones of a section made by <see cref="SaveSwapped"/>.</summary>
    public static void DisposeRaw(IReadOnlyList<KeyValuePair<string, Tensor>> section)
    {
        foreach ((string name, Tensor t) in section)
            if (name.StartsWith(RawKey + "/", StringComparison.Ordinal)) t.Dispose();
    }

    /// <summary>After the weights section (the inference weights) was loaded into <paramref name="model"/>: adds them to
    /// <paramref name="tensors"/> as <c>key/NAME</c> CPU copies and copies the <c>raw/NAME</c> tensors into the model
    /// (removing and disposing them).</summary>
    public static void RestoreRaw(ImageClassifier model, Dictionary<string, Tensor> tensors, string key, string path)
    {
        Dictionary<string, Tensor> state = model.state_dict();
        foreach (string name in state.Keys)
            if (!tensors.ContainsKey(RawKey + "/" + name))
                throw new InvalidDataException($"Checkpoint {path}: its tensor section lacks the raw training weight '{name}' (corrupt or foreign).");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach ((string name, Tensor live) in state)
        {
            tensors[key + "/" + name] = live.detach().cpu().clone().DetachFromDisposeScope();
            tensors.Remove(RawKey + "/" + name, out Tensor? raw);
            using (raw) live.copy_(raw!);
        }
    }
}
