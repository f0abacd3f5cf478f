using System.Buffers.Binary;
using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights;

/// <summary>Moves raw element bytes between streams and CPU tensors in bounded chunks (no second copy of a large
/// tensor in managed memory), converting byte order and widening unsigned types.</summary>
internal static class TensorIO
{
    private const long ChunkBytes = 64L << 20;

    /// <summary>Reads <paramref name="numel"/> elements into a new 1-D tensor. The caller has already checked that
    /// the source holds that many bytes, so the allocation is bounded by the file size.</summary>
    public static Tensor ReadVector(Stream input, long numel, ElementType type, bool bigEndian, string source, string what)
    {
        Tensor result = torch.empty(new[] { numel }, type.Storage);
        try
        {
            long perChunk = Math.Max(1, ChunkBytes / type.Size);
            for (long start = 0; start < numel; start += perChunk)
            {
                using Tensor chunk = result.narrow(0, start, Math.Min(perChunk, numel - start));
                Span<byte> span = chunk.bytes;
                try { input.ReadExactly(span); }
                catch (EndOfStreamException)
                {
                    throw new InvalidDataException($"{source}: {what} ends early: expected {numel} {type} elements ({numel * type.Size} bytes) (truncated file?).");
                }
                if (bigEndian == BitConverter.IsLittleEndian) Swap(span, type.SwapUnit);
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Writes a tensor's elements, little-endian, row-major.</summary>
    public static void Write(Stream output, Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        Tensor flat = tensor.detach().cpu().contiguous().reshape(-1);
        long numel = flat.numel();
        long size = flat.element_size();
        long perChunk = Math.Max(1, ChunkBytes / size);
        for (long start = 0; start < numel; start += perChunk)
        {
            Tensor chunk = flat.narrow(0, start, Math.Min(perChunk, numel - start));
            Span<byte> span = chunk.bytes;
            if (!BitConverter.IsLittleEndian)
            {
                byte[] copy = span.ToArray();
                Swap(copy, ElementType.FromScalarType(flat.dtype)!.SwapUnit);
                output.Write(copy);
            }
            else output.Write(span);
        }
    }

    /// <summary>Converts a tensor read with <see cref="ElementType.Storage"/> to <see cref="ElementType.Result"/>
    /// (unsigned values widened, uint64 range-checked). Returns the input when nothing changes.</summary>
    public static Tensor Widen(Tensor stored, ElementType type, string source, string what)
    {
        switch (type.Name)
        {
            case "uint16":
                using (Tensor wide = stored.to_type(ScalarType.Int32)) return wide.bitwise_and(0xFFFF);
            case "uint32":
                using (Tensor wide = stored.to_type(ScalarType.Int64)) return wide.bitwise_and(0xFFFFFFFFL);
            case "uint64":
                using (Tensor negative = stored.lt(0))
                using (Tensor any = negative.any())
                    if (any.item<bool>())
                        throw new InvalidDataException($"{source}: {what} is uint64 with values above {long.MaxValue}, which TorchSharp's int64 cannot hold.");
                return stored.alias();
            default:
                return stored.alias();
        }
    }

    public static void Swap(Span<byte> data, int unit)
    {
        switch (unit)
        {
            case 2: for (int i = 0; i + 2 <= data.Length; i += 2) BinaryPrimitives.WriteUInt16BigEndian(data[i..], BinaryPrimitives.ReadUInt16LittleEndian(data[i..])); break;
            case 4: for (int i = 0; i + 4 <= data.Length; i += 4) BinaryPrimitives.WriteUInt32BigEndian(data[i..], BinaryPrimitives.ReadUInt32LittleEndian(data[i..])); break;
            case 8: for (int i = 0; i + 8 <= data.Length; i += 8) BinaryPrimitives.WriteUInt64BigEndian(data[i..], BinaryPrimitives.ReadUInt64LittleEndian(data[i..])); break;
        }
    }

    /// <summary>Product of the dimensions, or null when it overflows a 64-bit count (an absurd shape).</summary>
    public static long? Numel(IReadOnlyList<long> shape)
    {
        long n = 1;
        foreach (long d in shape)
        {
            if (d < 0) return null;
            try { n = checked(n * d); }
            catch (OverflowException) { return null; }
        }
        return n;
    }

    public static string ShapeText(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
