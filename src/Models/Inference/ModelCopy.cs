namespace ModelZoo.Models.Inference;

/// <summary>Independent copies of a model: <see cref="ImageClassifier.NewInstance"/> rebuilds the architecture, then every
/// parameter and buffer is copied over by state_dict key. torch's global random generator is left as it was, so making a
/// copy does not change what a seeded run draws afterwards.</summary>
public static class ModelCopy
{
    /// <summary>A copy of <paramref name="model"/> on its device, with its dtype, values and training flag. Throws
    /// <see cref="NotSupportedException"/> when the model cannot be rebuilt (no <see cref="ImageClassifier.NewInstance"/>,
    /// or surgery beyond the classifier and the stem changed its state_dict).</summary>
    public static ImageClassifier Of(ImageClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ImageClassifier? copy;
        using (SeedScope.Preserve()) copy = model.NewInstance();
        if (copy is null)
            throw new NotSupportedException($"{model.GetType().Name} cannot be copied (ImageClassifier.NewInstance returns null); optimise it in place instead (InferenceOptions.InPlace).");
        try
        {
            CheckStructure(model, copy);
            CopyState(model, copy);
            copy.train(model.training);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Same module paths and types in the same order: a swapped pooling or activation changes no state_dict
    /// key, so the keys alone would not show it.</summary>
    private static void CheckStructure(ImageClassifier source, ImageClassifier target)
    {
        var a = ModuleTree.NamedDescendants(source).Select(m => $"{m.Name}: {m.Module.GetType().Name}").ToArray();
        var b = ModuleTree.NamedDescendants(target).Select(m => $"{m.Name}: {m.Module.GetType().Name}").ToArray();
        int first = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        if (first < 0 && a.Length == b.Length) return;
        string where = first >= 0 ? $"'{a[first]}' vs rebuilt '{b[first]}'" : $"{a.Length} modules vs {b.Length} rebuilt";
        throw new NotSupportedException($"{source.GetType().Name} cannot be copied: its modules differ from a rebuilt one ({where}); " +
            "optimise it in place instead (InferenceOptions.InPlace).");
    }

    private static void CopyState(ImageClassifier source, ImageClassifier target)
    {
        Dictionary<string, Tensor> from = source.state_dict();
        Tensor? reference = from.Values.FirstOrDefault(t => t.is_floating_point());
        if (reference is not null && (reference.dtype != ScalarType.Float32 || reference.device.type != DeviceType.CPU))
            target.to(reference.dtype).to(reference.device);   // before reading target's state: to() may replace its tensors
        Dictionary<string, Tensor> to = target.state_dict();
        string[] missing = from.Keys.Except(to.Keys).ToArray(), extra = to.Keys.Except(from.Keys).ToArray();
        string[] shapes = from.Keys.Intersect(to.Keys).Where(k => !from[k].shape.SequenceEqual(to[k].shape)).ToArray();
        if (missing.Length + extra.Length + shapes.Length > 0)
            throw new NotSupportedException($"{source.GetType().Name} cannot be copied: its structure differs from a rebuilt one ({Describe(missing, extra, shapes)}); " +
                "optimise it in place instead (InferenceOptions.InPlace).");
        using var noGrad = torch.no_grad();
        foreach ((string key, Tensor value) in from) to[key].copy_(value);
        var targetParameters = target.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach ((string name, TorchSharp.Modules.Parameter p) in source.named_parameters())
            if (!p.requires_grad && targetParameters.TryGetValue(name, out TorchSharp.Modules.Parameter? q)) q.requires_grad = false;
    }

    private static string Describe(string[] missing, string[] extra, string[] shapes)
    {
        var parts = new List<string>();
        if (missing.Length > 0) parts.Add($"only in the model: {string.Join(", ", missing.Take(3))}{(missing.Length > 3 ? ", ..." : "")}");
        if (extra.Length > 0) parts.Add($"only in the rebuilt model: {string.Join(", ", extra.Take(3))}{(extra.Length > 3 ? ", ..." : "")}");
        if (shapes.Length > 0) parts.Add($"shapes differ: {string.Join(", ", shapes.Take(3))}{(shapes.Length > 3 ? ", ..." : "")}");
        return string.Join("; ", parts);
    }
}
