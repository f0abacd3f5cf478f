using System.Text;

namespace ModelZoo.Data.Imaging;

/// <summary>Recognises image formats by their first bytes, to tell a damaged image from a file that is not one.</summary>
internal static class ImageSignatures
{
    public static string? Sniff(ReadOnlySpan<byte> d)
    {
        if (d.Length >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return "JPEG";
        if (d.Length >= 4 && d[0] == 0x89 && d[1] == (byte)'P' && d[2] == (byte)'N' && d[3] == (byte)'G') return "PNG";
        if (d.Length >= 4 && d[0] == (byte)'G' && d[1] == (byte)'I' && d[2] == (byte)'F' && d[3] == (byte)'8') return "GIF";
        if (d.Length >= 2 && d[0] == (byte)'B' && d[1] == (byte)'M') return "BMP";
        if (d.Length >= 12 && d[..4].SequenceEqual("RIFF"u8) && d[8..12].SequenceEqual("WEBP"u8)) return "WebP";
        return null;
    }

    /// <summary>The first bytes, as text when printable, else as hex.</summary>
    public static string Describe(ReadOnlySpan<byte> d)
    {
        ReadOnlySpan<byte> head = d[..Math.Min(d.Length, 8)];
        bool printable = true;
        foreach (byte b in head) printable &= b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t';
        return printable
            ? "\"" + Encoding.ASCII.GetString(head).Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "\""
            : Convert.ToHexString(head);
    }
}
