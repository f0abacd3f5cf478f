namespace ModelZoo.Models.Weights;

/// <summary>A checkpoint pickle referenced a Python global outside the allow-list (for example <c>os.system</c>
/// or <c>builtins.eval</c>): the file is refused and nothing in it is executed. (Malformed files throw
/// <see cref="InvalidDataException"/> instead.)</summary>
public sealed class UnsafeCheckpointException : IOException
{
    public UnsafeCheckpointException(string source, string global)
        : base($"{source}: refused to load: the pickle references the Python global '{PrintableText.Escape(global, 120)}', which is not on the "
            + "allow-list of a weights-only checkpoint (state dicts, tensors, storages, plain containers and numbers). "
            + "Nothing was executed. If you trust the file, load it in Python and re-save only the state_dict "
            + "(torch.save(model.state_dict(), path)) or convert it to safetensors.")
    {
        FileName = source;
        Global = global;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string FileName { get; }

    /// <summary>The refused global as <c>module.name</c>.</summary>
    public string Global { get; }
}
