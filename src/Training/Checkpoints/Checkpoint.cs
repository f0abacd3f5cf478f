using System.Text;
using System.Text.Json;
using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Checkpoints;

/// <summary>
/// A single-file checkpoint: the magic "MZCKPT01", a length-prefixed UTF-8 JSON <see cref="CheckpointInfo"/>, then the
/// model's parameters and buffers in TorchSharp's format. Saved through a temp file and a rename, so an interrupted
/// save never replaces a good checkpoint with a broken one.
/// </summary>
public static class Checkpoint
{
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("MZCKPT01");
    private const int MaxHeaderBytes = 16 << 20;
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,   // a diverged run still checkpoints
    };

    public static void Save(ImageClassifier model, CheckpointInfo info, string path) => Save(model, info, path, beforeCommit: null);

    /// <param name="beforeCommit">Test hook run after the temp file is written, before the rename.</param>
    internal static void Save(ImageClassifier model, CheckpointInfo info, string path, Action? beforeCommit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + $".{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                byte[] header = JsonSerializer.SerializeToUtf8Bytes(info, s_json);
                writer.Write(s_magic);
                writer.Write(header.Length);
                writer.Write(header);
                model.save(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            beforeCommit?.Invoke();
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp)) File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads only the metadata.</summary>
    public static CheckpointInfo ReadInfo(string path)
    {
        using FileStream stream = OpenChecked(path);
        using var reader = new BinaryReader(stream);
        return ReadHeader(reader, path);
    }

    /// <summary>Rebuilds the model from the registry and loads its weights.</summary>
    public static (ImageClassifier Model, CheckpointInfo Info) Load(string path)
    {
        using FileStream stream = OpenChecked(path);
        using var reader = new BinaryReader(stream);
        CheckpointInfo info = ReadHeader(reader, path);
        ImageClassifier model = Zoo.Create(info.Model, info.Options);
        try
        {
            model.load(reader, strict: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            model.Dispose();
            throw new InvalidDataException($"Checkpoint {path}: the weights do not fit model '{info.Model}' ({ex.Message}).", ex);
        }
        return (model, info);
    }

    private static FileStream OpenChecked(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        return File.OpenRead(path);
    }

    private static CheckpointInfo ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            byte[] magic = reader.ReadBytes(s_magic.Length);
            if (!magic.AsSpan().SequenceEqual(s_magic))
                throw new InvalidDataException($"{path} is not a ModelZoo checkpoint (expected it to start with \"MZCKPT01\"). " +
                    "PyTorch .pth files and safetensors are read by the weights readers instead.");
            int length = reader.ReadInt32();
            if (length <= 0 || length > MaxHeaderBytes || length > reader.BaseStream.Length - reader.BaseStream.Position)
                throw new InvalidDataException($"Checkpoint {path}: header length {length} is invalid or past the end of the file.");
            byte[] header = reader.ReadBytes(length);
            return JsonSerializer.Deserialize<CheckpointInfo>(header, s_json)
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
}
