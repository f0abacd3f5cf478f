namespace ModelZoo.Models.Weights.Loading;

/// <summary>A state dict did not fit the model (missing, unexpected or shape-mismatched keys). Nothing was copied:
/// the loader checks everything before it writes.</summary>
public sealed class StateDictLoadException : InvalidOperationException
{
    public StateDictLoadException(string message, LoadResult result) : base(message)
    {
        Result = result;
    }

    /// <summary>The full comparison, as it would have been returned.</summary>
    public LoadResult Result { get; }
}
