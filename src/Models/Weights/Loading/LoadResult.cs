namespace ModelZoo.Models.Weights.Loading;

/// <summary>What <see cref="StateDictLoader"/> did, by model key (after prefix stripping and key mapping).</summary>
/// <param name="Loaded">Model keys copied from the checkpoint.</param>
/// <param name="Missing">Model keys the checkpoint lacks (an absent <c>num_batches_tracked</c> is tolerated and not listed).</param>
/// <param name="Unexpected">Checkpoint keys the model lacks.</param>
/// <param name="ShapeMismatched">Keys present in both with different shapes (skipped when allowed).</param>
/// <param name="Ignored">Keys dropped by <see cref="LoadOptions.IgnoreKeys"/>, a null <see cref="LoadOptions.KeyMap"/>
/// result, a replaced head, or a <c>num_batches_tracked</c> the model does not have.</param>
public sealed record LoadResult(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<ShapeMismatch> ShapeMismatched,
    IReadOnlyList<string> Ignored)
{
    /// <summary>The pairs used, as (checkpoint key as in the file, model key), in checkpoint order: one per loaded key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Mapping { get; init; } = [];

    /// <summary>True when every model key was loaded from a checkpoint key of the same shape and nothing was left over.</summary>
    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatched.Count == 0;

    public override string ToString() =>
        $"loaded {Loaded.Count}, missing {Missing.Count}, unexpected {Unexpected.Count}, "
        + $"shape-mismatched {ShapeMismatched.Count}, ignored {Ignored.Count}";

    /// <summary>The problems in PyTorch's <c>load_state_dict</c> wording, one per line.</summary>
    internal string Describe(string modelName, bool includeMissingAndUnexpected)
    {
        var lines = new List<string> { $"Error(s) in loading state_dict for {modelName}:" };
        if (includeMissingAndUnexpected && Missing.Count > 0)
            lines.Add("\tMissing key(s) in state_dict: " + KeyList(Missing) + ".");
        if (includeMissingAndUnexpected && Unexpected.Count > 0)
            lines.Add("\tUnexpected key(s) in state_dict: " + KeyList(Unexpected) + ".");
        foreach (ShapeMismatch m in ShapeMismatched.Take(MaxListed))
            lines.Add($"\tsize mismatch for {m.Key}: copying a param with shape {TensorIO.ShapeText(m.Got)} from checkpoint, "
                + $"the shape in current model is {TensorIO.ShapeText(m.Expected)}.");
        if (ShapeMismatched.Count > MaxListed)
            lines.Add($"\t... and {ShapeMismatched.Count - MaxListed} more size mismatches (all are in the exception's Result).");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>How many keys a message lists per category; the full lists stay in this record.</summary>
    internal const int MaxListed = 30;

    private static string KeyList(IReadOnlyList<string> keys) =>
        string.Join(", ", keys.Take(MaxListed).Select(k => $"\"{k}\""))
        + (keys.Count > MaxListed ? $", ... and {keys.Count - MaxListed} more (all are in the exception's Result)" : "");
}
