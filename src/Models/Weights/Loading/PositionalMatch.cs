namespace ModelZoo.Models.Weights.Loading;

/// <summary><see cref="KeyMatching.Position"/>: pairs the checkpoint's tensors with the model's in order, or refuses
/// (a count difference, or the first pair whose shapes differ, by name).</summary>
internal static class PositionalMatch
{
    /// <summary>Checkpoint key → model key for every counted tensor.</summary>
    public static Dictionary<string, string> Pairs(string modelName, IReadOnlyDictionary<string, Tensor> targets,
        IReadOnlyDictionary<string, Tensor> stateDict, LoadOptions options)
    {
        var model = targets.Where(kv => !StateDictLoader.IsBatchCounter(kv.Key) && !options.IsIgnored(kv.Key)).ToList();
        var file = stateDict.Where(kv => !StateDictLoader.IsBatchCounter(kv.Key)).ToList();
        if (model.Count != file.Count)
        {
            var result = new LoadResult([], model.Skip(file.Count).Select(kv => kv.Key).ToArray(),
                file.Skip(model.Count).Select(kv => kv.Key).ToArray(), [], []);
            throw new StateDictLoadException(
                $"Matching by position: the checkpoint has {file.Count} tensors and {modelName} has {model.Count} (num_batches_tracked "
                + "not counted); position matching needs the same architecture with the same layer order.", result);
        }
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < model.Count; i++)
        {
            (string fileKey, Tensor source) = (file[i].Key, file[i].Value);
            (string modelKey, Tensor target) = (model[i].Key, model[i].Value);
            if (!source.shape.SequenceEqual(target.shape))
            {
                var mismatch = new ShapeMismatch(modelKey, target.shape, source.shape);
                throw new StateDictLoadException(
                    $"Matching by position: tensor {i} of the checkpoint, '{fileKey}' {TensorIO.ShapeText(source.shape)}, does not fit "
                    + $"{modelName}'s tensor {i}, '{modelKey}' {TensorIO.ShapeText(target.shape)}; position matching needs the same "
                    + "architecture with the same layer order.", new LoadResult([], [], [], [mismatch], []));
            }
            pairs[fileKey] = modelKey;
        }
        return pairs;
    }
}
