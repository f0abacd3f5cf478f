using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelZoo.Models.Weights.ModelZooFormat;

/// <summary>
/// Reads the single-file checkpoints `modelzoo train` and `finetune` write: the magic "MZCKPT01", an int32 length, a
/// UTF-8 JSON header (<see cref="ModelCheckpointInfo"/>, or a record extending it), the model's parameters and buffers in
/// TorchSharp's format, then any sections the writer appends (ModelZoo.Training: the optimizer state). This is the part of
/// the format that carries the model, so any project that references Models can rebuild a trained model:
/// <code>(ImageClassifier model, ModelCheckpointInfo info) = ModelZooCheckpoint.Load("runs/lenet5-mnist.ckpt");</code>
/// ModelZoo.Training writes the files (<see cref="WriteHeader"/>, then the weights and its own sections) and reads its
/// sections after <see cref="ReadHeader{T}"/> and <see cref="LoadWeights"/>.
/// </summary>
public static class ModelZooCheckpoint
{
    private const int MaxHeaderBytes = 16 << 20;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // a diverged run still checkpoints
    };

    /// <summary>The first eight bytes of every ModelZoo checkpoint.</summary>
    public static ReadOnlySpan<byte> Magic => "MZCKPT01"u8;

    /// <summary>True when <paramref name="path"/> is an existing file that starts with <see cref="Magic"/>.</summary>
    public static bool IsCheckpoint(string path)
    {
        if (!File.Exists(path)) return false;
        Span<byte> head = stackalloc byte[8];
        using FileStream stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(Magic);
    }

    /// <summary>Reads only the header.</summary>
    public static ModelCheckpointInfo ReadInfo(string path) => ReadInfo<ModelCheckpointInfo>(path);

    /// <summary>Reads only the header, as <typeparamref name="T"/> (a record extending <see cref="ModelCheckpointInfo"/>).</summary>
    public static T ReadInfo<T>(string path) where T : ModelCheckpointInfo
    {
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream);
        return ReadHeader<T>(reader, path);
    }

    /// <summary>Rebuilds the model from the registry with the header's options and loads its weights strictly.</summary>
    public static (ImageClassifier Model, ModelCheckpointInfo Info) Load(string path) => Load<ModelCheckpointInfo>(path);

    /// <inheritdoc cref="Load(string)"/>
    public static (ImageClassifier Model, T Info) Load<T>(string path) where T : ModelCheckpointInfo
    {
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream);
        T info = ReadHeader<T>(reader, path);
        ImageClassifier model = Zoo.Create(info.Model, info.Options);
        try
        {
            LoadWeights(reader, model, info, path);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return (model, info);
    }

    /// <summary>Opens <paramref name="path"/> for reading; a missing file is a <see cref="FileNotFoundException"/> naming it.</summary>
    public static FileStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        return File.OpenRead(path);
    }

    /// <summary>Writes the magic, the header's length and the header (all of <paramref name="info"/>'s properties,
    /// those of a derived record included); the weights follow.</summary>
    public static void WriteHeader(BinaryWriter writer, ModelCheckpointInfo info)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(info);
        byte[] header = JsonSerializer.SerializeToUtf8Bytes(info, info.GetType(), s_json);
        writer.Write(Magic);
        writer.Write(header.Length);
        writer.Write(header);
    }

    /// <summary>Reads the magic and the header from the start of <paramref name="reader"/>, leaving it at the weights.
    /// A foreign, truncated or corrupt file is an <see cref="InvalidDataException"/> naming <paramref name="path"/>.</summary>
    public static T ReadHeader<T>(BinaryReader reader, string path) where T : ModelCheckpointInfo
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            byte[] magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"{path} is not a ModelZoo checkpoint (expected it to start with \"{Encoding.ASCII.GetString(Magic)}\"). " +
                    "PyTorch .pth files and safetensors are read by the weights readers instead.");
            int length = reader.ReadInt32();
            if (length <= 0 || length > MaxHeaderBytes || length > reader.BaseStream.Length - reader.BaseStream.Position)
                throw new InvalidDataException($"Checkpoint {path}: header length {length} is invalid or past the end of the file.");
            byte[] header = reader.ReadBytes(length);
            return JsonSerializer.Deserialize<T>(header, s_json)
                ?? throw new InvalidDataException($"Checkpoint {path}: empty header.");
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"Checkpoint {path} is truncated.", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Checkpoint {path}: corrupt header ({ex.Message}).", ex);
        }
    }

    /// <summary>Loads the weights that follow the header into <paramref name="model"/> (same architecture), strictly.
    /// A mismatch or a truncated file is an <see cref="InvalidDataException"/>; the model is not disposed.</summary>
    public static void LoadWeights(BinaryReader reader, ImageClassifier model, ModelCheckpointInfo info, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        try
        {
            model.load(reader, strict: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Checkpoint {path}: the weights do not fit model '{info.Model}' ({ex.Message}).", ex);
        }
    }
}
