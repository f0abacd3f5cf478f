using Google.Protobuf;

namespace ModelZoo.Training.TensorBoard;

/// <summary>
/// Encodes TensorFlow's <c>Event</c> protocol buffer (event.proto / summary.proto) for scalars, images and the file
/// version record: Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5 },
/// Summary { repeated Value value = 1 }, Value { string tag = 1; float simple_value = 2; Image image = 4 },
/// Image { int32 height = 1; int32 width = 2; int32 colorspace = 3; bytes encoded_image_string = 4 }.
/// </summary>
internal static class EventEncoder
{
    public static byte[] FileVersion(double wallTime) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.Fixed64);
        o.WriteDouble(wallTime);
        o.WriteTag(3, WireFormat.WireType.LengthDelimited);
        o.WriteString("brain.Event:2");
    });

    public static byte[] Scalar(double wallTime, long step, string tag, float value) =>
        Event(wallTime, step, Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(tag);
            o.WriteTag(2, WireFormat.WireType.Fixed32);
            o.WriteFloat(value);
        }));

    /// <param name="colorspace">1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.</param>
    public static byte[] Image(double wallTime, long step, string tag, int height, int width, int colorspace, byte[] encoded)
    {
        byte[] image = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt32(height);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt32(width);
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteInt32(colorspace);
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(encoded));
        });
        return Event(wallTime, step, Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(tag);
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(image));
        }));
    }

    private static byte[] Event(double wallTime, long step, byte[] value) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.Fixed64);
        o.WriteDouble(wallTime);
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt64(step);
        o.WriteTag(5, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(value));
        })));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true)) write(output);
        return buffer.ToArray();
    }
}
