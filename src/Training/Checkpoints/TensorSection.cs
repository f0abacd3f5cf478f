
namespace ModelZoo.Training.Checkpoints;

/// <summary>
/// The length-prefixed sections after a checkpoint's weights: an int64 byte length, then the payload. The tensor
/// section's payload is an int32 count and, per tensor, its name, dtype (int32), rank (int32), shape (int64 each) and
/// the data in TorchSharp's tensor format.
/// </summary>
internal static class TensorSection
{
    private const int MaxTensors = 1 << 20;

    /// <summary>Writes an int64 length placeholder, runs <paramref name="write"/>, then fills the length in.</summary>
    public static void WriteLengthPrefixed(BinaryWriter writer, Action<BinaryWriter> write)
    {
        writer.Flush();
        Stream stream = writer.BaseStream;
        long lengthAt = stream.Position;
        writer.Write(0L);
        write(writer);
        writer.Flush();
        long end = stream.Position;
        stream.Position = lengthAt;
        writer.Write(end - lengthAt - sizeof(long));
        writer.Flush();
        stream.Position = end;
    }

    /// <summary>Reads a section's length and checks it fits in the file.</summary>
    public static long ReadLength(BinaryReader reader, string path, string section)
    {
        long length = reader.ReadInt64();
        if (length <= 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException($"Checkpoint {path}: {section} section length {length} is invalid or past the end of the file.");
        return length;
    }

    public static void Skip(BinaryReader reader, string path, string section)
    {
        long length = ReadLength(reader, path, section);
        reader.BaseStream.Seek(length, SeekOrigin.Current);
    }

    public static void Write(BinaryWriter writer, IReadOnlyList<KeyValuePair<string, Tensor>> tensors) => WriteLengthPrefixed(writer, w =>
    {
        w.Write(tensors.Count);
        foreach ((string name, Tensor tensor) in tensors)
        {
            w.Write(name);
            w.Write((int)tensor.dtype);
            w.Write((int)tensor.dim());
            foreach (long size in tensor.shape) w.Write(size);
            using Tensor cpu = tensor.detach().cpu().contiguous();
            cpu.Save(w);
        }
    });

    /// <summary>Reads the tensor section into CPU tensors the caller owns.</summary>
    public static Dictionary<string, Tensor> Read(BinaryReader reader, string path)
    {
        long length = ReadLength(reader, path, "tensor");
        long start = reader.BaseStream.Position;
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            int count = reader.ReadInt32();
            if (count < 0 || count > MaxTensors) throw new InvalidDataException($"Checkpoint {path}: tensor section count {count} is invalid.");
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                var dtype = (ScalarType)reader.ReadInt32();
                int rank = reader.ReadInt32();
                if (rank < 0 || rank > 16) throw new InvalidDataException($"Checkpoint {path}: tensor '{name}' has invalid rank {rank}.");
                long[] shape = new long[rank];
                for (int d = 0; d < rank; d++) shape[d] = reader.ReadInt64();
                Tensor t = torch.empty(shape, dtype).DetachFromDisposeScope();
                result.Add(name, t);
                t.Load(reader);
            }
            if (reader.BaseStream.Position != start + length)
                throw new InvalidDataException($"Checkpoint {path}: the tensor section was not read to its end (corrupt or foreign).");
            return result;
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or InvalidDataException)
        {
            foreach (Tensor t in result.Values) t.Dispose();
            throw ex is InvalidDataException ? ex : new InvalidDataException($"Checkpoint {path}: the tensor section is truncated or corrupt ({ex.Message}).", ex);
        }
    }
}
