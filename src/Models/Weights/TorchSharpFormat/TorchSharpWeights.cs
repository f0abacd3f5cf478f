using System.Text;
using ModelZoo.Core.IO;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.TorchSharpFormat;

/// <summary>
/// TorchSharp's own weight format (<c>Module.save</c>/<c>Module.load</c>, usually <c>.dat</c>): an LEB128 entry count,
/// then per entry a length-prefixed UTF-8 name, LEB128 dtype, rank and dims, and the raw element bytes.
/// <see cref="Save"/> writes it atomically; <see cref="Read"/> validates it against the file size; <see cref="Load"/>
/// goes through <see cref="StateDictLoader"/>, so unlike <c>Module.load</c> it checks everything before writing,
/// converts dtypes, remaps keys and reports what it did.
/// </summary>
public static class TorchSharpWeights
{
    /// <summary>Saves the module's state dict with <c>Module.save</c>, through a temporary file and a rename.</summary>
    public static void Save(nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            module.save(writer);
            writer.Flush();
        });
    }

    /// <summary>Loads a TorchSharp weight file into a module (see <see cref="StateDictLoader.Load"/>).</summary>
    public static LoadResult Load(nn.Module module, string path, LoadOptions? options = null)
    {
        using TensorDict state = Read(path);
        return StateDictLoader.Load(module, state, options);
    }

    /// <summary>Reads a TorchSharp weight file into name → tensor pairs without needing the module.</summary>
    public static TensorDict Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var result = new TensorDict();
        try
        {
            long count = Decode(reader, path);
            if (count > stream.Length) throw Bad(path, $"it claims {count} entries, more than the file could hold");
            for (long i = 0; i < count; i++)
            {
                string key = ReadName(reader, stream, i, path);
                long code = Decode(reader, path);
                ElementType type = code is >= 0 and <= 127 ? ElementType.FromScalarType((ScalarType)code)
                    ?? throw Bad(path, $"'{key}' has unsupported dtype code {code}") : throw Bad(path, $"'{key}' has dtype code {code}");
                long rank = Decode(reader, path);
                if (rank > 64) throw Bad(path, $"'{key}' has {rank} dimensions");
                var shape = new long[rank];
                for (int d = 0; d < rank; d++) shape[d] = Decode(reader, path);
                long numel = TensorIO.Numel(shape) ?? throw Bad(path, $"'{key}' has the absurd shape {TensorIO.ShapeText(shape)}");
                if (numel > (stream.Length - stream.Position) / type.Size)
                    throw Bad(path, $"'{key}' is {type} {TensorIO.ShapeText(shape)} but only {stream.Length - stream.Position} bytes are left (truncated file?)");
                using Tensor flat = TensorIO.ReadVector(stream, numel, type, bigEndian: false, path, $"'{key}'");
                result.Add(key, flat.reshape(shape));
            }
            return result;
        }
        catch (EndOfStreamException e)
        {
            result.Dispose();
            throw Bad(path, "it ends early (truncated file?)", e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            result.Dispose();
            throw Bad(path, e.Message, e);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>An entry name: a LEB128 byte count, then UTF-8 (BinaryWriter.Write(string)); refused unless it is
    /// printable text, so a file that is not a TorchSharp one is never quoted as raw bytes.</summary>
    private static string ReadName(BinaryReader reader, Stream stream, long index, string path)
    {
        long length = Decode(reader, path);
        if (length > 4096 || length > stream.Length - stream.Position)
            throw Bad(path, $"entry {index} claims a {length}-byte name");
        byte[] bytes = reader.ReadBytes((int)length);
        if (bytes.Length != length) throw new EndOfStreamException();
        string name;
        try { name = s_strictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw Bad(path, $"entry {index}'s name is not UTF-8 text (bytes {PrintableText.Hex(bytes)})"); }
        if (!PrintableText.IsPrintable(name))
            throw Bad(path, $"entry {index}'s name '{PrintableText.Escape(name)}' holds control characters (bytes {PrintableText.Hex(bytes)})");
        return name;
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static long Decode(BinaryReader reader, string path)
    {
        long result = 0;
        for (int i = 0; i < 9; i++)
        {
            long b = reader.ReadByte();
            result |= (b & 0x7f) << (i * 7);
            if ((b & 0x80) == 0) return result;
        }
        throw Bad(path, "a length field is longer than 9 bytes");
    }

    private static InvalidDataException Bad(string path, string message, Exception? inner = null) =>
        new($"{path}: invalid TorchSharp weight file: {message}.", inner);
}
