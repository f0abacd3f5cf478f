using System.Buffers.Binary;

namespace ModelZoo.Training.Tests.TensorBoard;

/// <summary>
/// A test-side reader of TensorBoard event files, written independently of the product's writer: TFRecord framing
/// (uint64 length, masked CRC-32C of the length, data, masked CRC-32C of the data) with a bitwise CRC-32C, and the
/// events decoded by the protobuf classes TorchSharp generates from TensorFlow's event.proto.
/// </summary>
internal static class EventFileReader
{
    public static List<Tensorboard.Event> Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        var events = new List<Tensorboard.Event>();
        int at = 0;
        while (at < file.Length)
        {
            if (file.Length - at < 12) throw new InvalidDataException($"truncated record header at byte {at}");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)) != Masked(file.AsSpan(at, 8)))
                throw new InvalidDataException($"length CRC mismatch at byte {at}");
            int start = at + 12;
            if ((ulong)(file.Length - start) < length + 4) throw new InvalidDataException($"truncated record at byte {at}");
            ReadOnlySpan<byte> data = file.AsSpan(start, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(start + (int)length)) != Masked(data))
                throw new InvalidDataException($"data CRC mismatch at byte {at}");
            events.Add(Tensorboard.Event.Parser.ParseFrom(data.ToArray()));
            at = start + (int)length + 4;
        }
        return events;
    }

    private static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;   // reflected Castagnoli polynomial
        }
        crc = ~crc;
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
    }
}
