namespace ModelZoo.Models.Weights.Loading;

/// <summary>
/// Copies a name → tensor dictionary into a model's parameters and buffers, like PyTorch's
/// <c>load_state_dict</c> but with key remapping (or matching by position), prefix stripping, ignored keys, a refusal
/// of NaN/infinite values and a report (<see cref="LoadResult"/>). Everything is checked first; on an error nothing is
/// written. Values are copied under <c>no_grad</c> into the existing tensors, so each keeps its device and dtype (the
/// checkpoint's values are converted).
/// </summary>
public static class StateDictLoader
{
    private const string NumBatchesTracked = ".num_batches_tracked";

    /// <summary>True for a BatchNorm's <c>num_batches_tracked</c> counter: never required, never unexpected and not
    /// counted when matching by position.</summary>
    internal static bool IsBatchCounter(string key) => key.EndsWith(NumBatchesTracked, StringComparison.Ordinal);

    /// <summary>Loads <paramref name="stateDict"/> into <paramref name="model"/>; throws <see cref="StateDictLoadException"/>
    /// listing the problems (strict: missing/unexpected keys; always: shape mismatches unless skipped), and
    /// <see cref="InvalidDataException"/> naming the first tensor with NaN or infinite values unless
    /// <see cref="LoadOptions.AllowNonFinite"/>.</summary>
    public static LoadResult Load(nn.Module model, IReadOnlyDictionary<string, Tensor> stateDict, LoadOptions? options = null)
    {
        options ??= new LoadOptions();
        Plan plan = MakePlan(model, stateDict, options);
        LoadResult result = plan.Result;
        bool badShapes = result.ShapeMismatched.Count > 0 && !options.SkipMismatchedShapes;
        bool badKeys = options.Strict && (result.Missing.Count > 0 || result.Unexpected.Count > 0);
        if (badShapes || badKeys) throw new StateDictLoadException(result.Describe(model.GetName(), options.Strict), result);
        Apply(plan, options);
        return result;
    }

    /// <summary>The report <see cref="Load"/> would give, without copying anything or throwing for mismatches.</summary>
    public static LoadResult Check(nn.Module model, IReadOnlyDictionary<string, Tensor> stateDict, LoadOptions? options = null) =>
        MakePlan(model, stateDict, options ?? new LoadOptions()).Result;

    /// <summary>
    /// Loads a checkpoint whose classifier differs from the model's (for example ImageNet weights into a 10-class
    /// model): tensors under <see cref="ImageClassifier.ClassifierName"/> whose shape differs are skipped and reported
    /// in <see cref="LoadResult.ShapeMismatched"/>, classifier keys one side lacks go to <see cref="LoadResult.Ignored"/>,
    /// and the new head keeps its fresh initialisation. Every other key follows <paramref name="options"/> (strict by default).
    /// </summary>
    public static LoadResult LoadWithNewHead(ImageClassifier model, IReadOnlyDictionary<string, Tensor> stateDict, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new LoadOptions();
        string head = model.ClassifierName + ".";
        Plan plan = MakePlan(model, stateDict, options);
        LoadResult r = plan.Result;
        bool InHead(string key) => key.StartsWith(head, StringComparison.Ordinal);
        var result = r with
        {
            Missing = r.Missing.Where(k => !InHead(k)).ToArray(),
            Unexpected = r.Unexpected.Where(k => !InHead(k)).ToArray(),
            Ignored = r.Ignored.Concat(r.Missing.Where(InHead)).Concat(r.Unexpected.Where(InHead)).ToArray(),
        };
        bool badShapes = !options.SkipMismatchedShapes && result.ShapeMismatched.Any(m => !InHead(m.Key));
        bool badKeys = options.Strict && (result.Missing.Count > 0 || result.Unexpected.Count > 0);
        if (badShapes || badKeys)
        {
            var shown = result with { ShapeMismatched = options.SkipMismatchedShapes ? [] : result.ShapeMismatched.Where(m => !InHead(m.Key)).ToArray() };
            throw new StateDictLoadException(shown.Describe(model.GetName(), options.Strict), result);
        }
        Apply(plan, options);
        return result;
    }

    private sealed record Plan(LoadResult Result, IReadOnlyList<(Tensor Target, Tensor Source, string From, string To)> Copies);

    private static Plan MakePlan(nn.Module model, IReadOnlyDictionary<string, Tensor> stateDict, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stateDict);
        Dictionary<string, Tensor> targets = TorchStateDict.InPyTorchOrder(model);
        var loaded = new List<string>();
        var unexpected = new List<string>();
        var ignored = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        var copies = new List<(Tensor, Tensor, string, string)>();
        var sourceOf = new Dictionary<string, string>(StringComparer.Ordinal);
        Dictionary<string, string>? byPosition = options.MatchBy == KeyMatching.Position
            ? PositionalMatch.Pairs(model.GetName(), targets, stateDict, options)
            : null;

        foreach ((string original, Tensor source) in stateDict)
        {
            string stripped = byPosition is null ? Strip(original, options) : original;
            string? key = byPosition is null ? Rename(stripped, options) : byPosition.GetValueOrDefault(original);
            if (key is null || options.IsIgnored(key))
            {
                ignored.Add(key ?? stripped);
                continue;
            }
            if (!sourceOf.TryAdd(key, original))
                throw new ArgumentException($"Checkpoint keys '{sourceOf[key]}' and '{original}' both map to '{key}'; fix the key map "
                    + "(LoadOptions.KeyMapRules, KeyMap or StripPrefixes; CLI: --key-map).", nameof(stateDict));
            if (!targets.TryGetValue(key, out Tensor? target))
            {
                (IsBatchCounter(key) ? ignored : unexpected).Add(key);
                continue;
            }
            if (!source.shape.SequenceEqual(target.shape))
            {
                mismatched.Add(new ShapeMismatch(key, target.shape, source.shape));
                continue;
            }
            if (source.is_complex() && !target.is_complex())
                throw new ArgumentException($"Checkpoint tensor '{original}' is complex ({source.dtype}) but the model's '{key}' is {target.dtype}.", nameof(stateDict));
            loaded.Add(key);
            copies.Add((target, source, original, key));
        }

        var missing = targets.Keys
            .Where(k => !sourceOf.ContainsKey(k) && !options.IsIgnored(k) && !IsBatchCounter(k))
            .ToArray();
        var mapping = copies.Select(c => new KeyValuePair<string, string>(c.Item3, c.Item4)).ToArray();
        return new Plan(new LoadResult(loaded, missing, unexpected, mismatched, ignored) { Mapping = mapping }, copies);
    }

    private static string Strip(string original, LoadOptions options)
    {
        string stripped = original;
        foreach (string prefix in options.StripPrefixes)
            if (prefix.Length > 0 && stripped.StartsWith(prefix, StringComparison.Ordinal)) stripped = stripped[prefix.Length..];
        return stripped;
    }

    /// <summary>A stripped key after <see cref="LoadOptions.KeyMapRules"/> and <see cref="LoadOptions.KeyMap"/> (null: dropped).</summary>
    private static string? Rename(string stripped, LoadOptions options)
    {
        string renamed = KeyMapRule.ApplyFirst(options.KeyMapRules, stripped);
        return options.KeyMap is null ? renamed : options.KeyMap(renamed);
    }

    private static void Apply(Plan plan, LoadOptions options)
    {
        using var noGrad = torch.no_grad();
        if (!options.AllowNonFinite)
        {
            foreach ((_, Tensor source, string from, string to) in plan.Copies)
            {
                if (!source.is_floating_point() && !source.is_complex()) continue;
                using Tensor finite = source.isfinite();
                using Tensor all = finite.all();
                if (all.item<bool>()) continue;
                using Tensor bad = finite.logical_not();
                using Tensor count = bad.sum();
                throw new InvalidDataException(
                    $"Checkpoint tensor '{from}'{(from == to ? "" : $" (model key '{to}')")} holds {count.item<long>()} of {source.numel()} values "
                    + "that are NaN or infinite: a corrupt file or a diverged training. Nothing was loaded; allow it with "
                    + "LoadOptions.AllowNonFinite (CLI: --allow-nonfinite).");
            }
        }
        foreach ((Tensor target, Tensor source, _, _) in plan.Copies) target.copy_(source);
    }
}
