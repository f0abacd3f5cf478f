using System.Text;

namespace ModelZoo.Core;

/// <summary>Text from a file, made safe for an error message on a terminal: control characters, the replacement
/// character of undecodable bytes and lone surrogates are written as escapes, and bytes as hex, so a damaged or hostile
/// file never sends raw bytes to the user's terminal.</summary>
internal static class PrintableText
{
    /// <summary><paramref name="text"/> with non-printable characters escaped (<c>\x00</c>, <c>\uFFFD</c>), cut after
    /// <paramref name="max"/> characters with "...".</summary>
    public static string Escape(string text, int max = 100)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(Math.Min(text.Length, max) + 8);
        for (int i = 0; i < text.Length && i < max; i++)
        {
            char c = text[i];
            if (c < 0x20 || c == 0x7F) sb.Append($"\\x{(int)c:X2}");
            else if (char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                         || char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
                sb.Append($"\\u{(int)c:X4}");
            else sb.Append(c);
        }
        if (text.Length > max) sb.Append("...");
        return sb.ToString();
    }

    /// <summary>True when <paramref name="text"/> needs no escaping (what a tensor name or a Python name should be).</summary>
    public static bool IsPrintable(string text) => Escape(text, int.MaxValue) == text;

    /// <summary>The first <paramref name="max"/> bytes as hex pairs ("50 4B 03 04").</summary>
    public static string Hex(ReadOnlySpan<byte> bytes, int max = 16)
    {
        ReadOnlySpan<byte> head = bytes[..Math.Min(bytes.Length, max)];
        string hex = string.Join(" ", head.ToArray().Select(b => b.ToString("X2")));
        return bytes.Length > max ? hex + " ..." : hex;
    }
}
