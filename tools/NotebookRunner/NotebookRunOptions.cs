namespace ModelZoo.NotebookRunner;

/// <summary>How <see cref="NotebookExecutor"/> runs a notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Parameter overrides, name → C# expression, applied after the parameters cell (default: none).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Write the outputs back into the .ipynb after a successful run (default: false; the file is untouched).</summary>
    public bool WriteOutputs { get; init; }

    /// <summary>Where to report progress, one line per cell (default: none).</summary>
    public TextWriter? Log { get; init; }
}
