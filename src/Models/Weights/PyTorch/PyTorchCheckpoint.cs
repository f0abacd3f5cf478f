using ModelZoo.Core.Pickle;

namespace ModelZoo.Models.Weights.PyTorch;

/// <summary>
/// A file written by <c>torch.save</c> (zip or legacy format), read safely: like <c>torch.load(weights_only=True,
/// map_location="cpu")</c>, only state-dict data is accepted (see <see cref="UnsafeCheckpointException"/>) and every
/// size is validated against the file (<see cref="InvalidDataException"/> otherwise). <see cref="Root"/> is the saved
/// object as a tree; <see cref="StateDict"/> picks the tensor dictionary out of it. Disposing releases all tensors.
/// <code>
/// using var checkpoint = PyTorchCheckpoint.Load("resnet20.th");   // {"best_prec1": ..., "state_dict": {...}}
/// StateDictLoader.Load(model, checkpoint.StateDict());           // finds "state_dict", strips "module."
/// </code>
/// </summary>
public sealed class PyTorchCheckpoint : IDisposable
{
    private static readonly string[] s_preferredKeys = ["state_dict", "model_state_dict", "model", "net", "network", "weights", "params"];
    private readonly List<Tensor> _tensors;

    private PyTorchCheckpoint(string source, CheckpointFormat format, object? root, List<Tensor> tensors)
    {
        Source = source;
        Format = format;
        Root = root;
        _tensors = tensors;
    }

    /// <summary>The path or stream name the checkpoint was read from.</summary>
    public string Source { get; }

    public CheckpointFormat Format { get; }

    /// <summary>The saved object: a <see cref="PickleDict"/> for a state dict or a <c>{"state_dict": ...}</c>
    /// checkpoint; otherwise a list, tuple (<c>object?[]</c>), tensor, number, string, bytes or null.</summary>
    public object? Root { get; }

    /// <summary>Every tensor in the tree (each once, in reading order).</summary>
    public IReadOnlyList<Tensor> Tensors => _tensors;

    /// <summary>The top-level keys of a dict root with a short description of each value; empty otherwise.</summary>
    public IReadOnlyList<string> DescribeTopLevel() => Root is PickleDict d
        ? d.Select(kv => $"{PickleDict.Format(kv.Key)} ({CheckpointTree.Kind(kv.Value)})").ToArray()
        : [];

    public static PyTorchCheckpoint Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(stream, path);
    }

    /// <summary>Reads from a stream (copied to memory first when it cannot seek).</summary>
    public static PyTorchCheckpoint Load(Stream stream, string name = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        long start = stream.Position;
        Span<byte> head = stackalloc byte[262];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (n == 0) throw new InvalidDataException($"{name}: the file is empty.");
        bool zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] is 3 or 5;
        if (!zip && n >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8))
            throw new InvalidDataException($"{name}: a tar archive (the torch < 0.4 format), which is not supported; re-save it with a newer PyTorch.");

        object? root;
        List<Tensor> tensors;
        try { (root, tensors) = zip ? ZipCheckpointReader.Read(stream, name) : LegacyCheckpointReader.Read(stream, name); }
        catch (UnsafeCheckpointException) { throw; }
        catch (InvalidDataException e) when (!e.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or NotSupportedException && e is not FileNotFoundException)
        {
            // System.IO.Compression reports damaged archives this way (bad headers, unknown compression methods).
            throw new InvalidDataException($"{name}: damaged checkpoint: {e.Message}", e);
        }
        return new PyTorchCheckpoint(name, zip ? CheckpointFormat.Zip : CheckpointFormat.Legacy, root, tensors);
    }

    /// <summary>Loads a file and returns only its state dict (see <see cref="StateDict"/>); the other tensors are released.</summary>
    public static TensorDict LoadStateDict(string path, string? key = null)
    {
        using PyTorchCheckpoint checkpoint = Load(path);
        IReadOnlyDictionary<string, Tensor> state = checkpoint.StateDict(key);
        var result = new TensorDict();
        foreach (KeyValuePair<string, Tensor> kv in state) result.Add(kv.Key, kv.Value.alias());
        return result;
    }

    /// <summary>
    /// The name → tensor dictionary in the checkpoint: the root itself when it is one; else the value under
    /// <paramref name="key"/>; else the only top-level value that is a dict of tensors (preferring "state_dict",
    /// "model_state_dict", "model", ... when several are). Throws <see cref="KeyNotFoundException"/> listing the
    /// top-level keys when there is none or the choice is ambiguous. The tensors stay owned by this checkpoint.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict(string? key = null)
    {
        if (key is null && AsTensorDict(Root) is { } direct) return direct;
        if (Root is not PickleDict top)
            throw new KeyNotFoundException($"{Source}: the checkpoint holds {CheckpointTree.Kind(Root)}, not a dict of tensors.");
        if (key is not null)
        {
            if (!top.TryGetValue(key, out object? value))
                throw new KeyNotFoundException($"{Source}: no top-level key '{PrintableText.Escape(key)}'. Top-level keys: {string.Join(", ", DescribeTopLevel())}.");
            return AsTensorDict(value) ?? throw new KeyNotFoundException(
                $"{Source}: '{PrintableText.Escape(key)}' holds {CheckpointTree.Kind(value)}, not a dict of tensors. Top-level keys: {string.Join(", ", DescribeTopLevel())}.");
        }
        var candidates = top.Where(kv => kv.Key is string && AsTensorDict(kv.Value) is not null).Select(kv => (string)kv.Key).ToList();
        string? chosen = candidates.Count == 1 ? candidates[0] : s_preferredKeys.FirstOrDefault(candidates.Contains);
        if (chosen is null)
            throw new KeyNotFoundException($"{Source}: {(candidates.Count == 0 ? "no dict of tensors at the top level" : "several dicts of tensors at the top level")}; "
                + $"pass the key to use. Top-level keys: {string.Join(", ", DescribeTopLevel())}.");
        return AsTensorDict(top[chosen])!;
    }

    public void Dispose()
    {
        foreach (Tensor t in _tensors) t.Dispose();
        _tensors.Clear();
    }

    private static IReadOnlyDictionary<string, Tensor>? AsTensorDict(object? value)
    {
        if (value is not PickleDict d || d.Count == 0 || !d.All(kv => kv.Key is string && kv.Value is Tensor)) return null;
        var ordered = new TensorDict(ownsTensors: false);
        foreach (KeyValuePair<object, object?> kv in d) ordered.Add((string)kv.Key, (Tensor)kv.Value!);
        return ordered;
    }
}
