using System.Globalization;
using System.Text;

namespace ModelZoo.Core.Pickle;

/// <summary>The two escaped text forms of protocol 0: <c>UNICODE</c> lines in Python's raw-unicode-escape, and
/// <c>STRING</c> lines as a quoted Python 2 str literal (<c>codecs.escape_decode</c>).</summary>
internal static class PickleText
{
    /// <summary>Decodes raw-unicode-escape: bytes are latin-1 characters except <c>\uXXXX</c> and <c>\UXXXXXXXX</c>;
    /// null when an escape is malformed.</summary>
    public static string? RawUnicodeEscape(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            byte b = line[i];
            int digits = b == '\\' && i + 1 < line.Length ? line[i + 1] switch { (byte)'u' => 4, (byte)'U' => 8, _ => 0 } : 0;
            if (digits == 0)
            {
                text.Append((char)b);
                continue;
            }
            if (i + 2 + digits > line.Length
                || !int.TryParse(Encoding.ASCII.GetString(line.Slice(i + 2, digits)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
                || code is < 0 or > 0x10FFFF)
                return null;
            text.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
            i += 1 + digits;
        }
        return text.ToString();
    }

    /// <summary>The bytes of a quoted Python 2 str literal (<c>'...'</c> or <c>"..."</c>) with its backslash escapes
    /// (<c>\n \t \\ \' \xhh \ooo</c> ...) decoded; null when it is not quoted or an escape is malformed.</summary>
    public static byte[]? QuotedString(ReadOnlySpan<byte> line)
    {
        if (line.Length < 2 || line[0] != line[^1] || line[0] is not ((byte)'\'' or (byte)'"')) return null;
        ReadOnlySpan<byte> body = line[1..^1];
        var bytes = new List<byte>(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 == body.Length)
            {
                bytes.Add(body[i]);
                continue;
            }
            byte e = body[++i];
            switch (e)
            {
                case (byte)'\n': break; // line continuation
                case (byte)'\\' or (byte)'\'' or (byte)'"': bytes.Add(e); break;
                case (byte)'a': bytes.Add(7); break;
                case (byte)'b': bytes.Add(8); break;
                case (byte)'f': bytes.Add(12); break;
                case (byte)'n': bytes.Add(10); break;
                case (byte)'r': bytes.Add(13); break;
                case (byte)'t': bytes.Add(9); break;
                case (byte)'v': bytes.Add(11); break;
                case (byte)'x':
                    if (i + 2 >= body.Length || !byte.TryParse(Encoding.ASCII.GetString(body.Slice(i + 1, 2)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte hex))
                        return null;
                    bytes.Add(hex);
                    i += 2;
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    int value = e - '0', n = 1;
                    while (n < 3 && i + 1 < body.Length && body[i + 1] is >= (byte)'0' and <= (byte)'7')
                    {
                        value = value * 8 + (body[++i] - '0');
                        n++;
                    }
                    bytes.Add((byte)value);
                    break;
                default: bytes.Add((byte)'\\'); bytes.Add(e); break; // Python keeps unknown escapes as they are
            }
        }
        return bytes.ToArray();
    }
}
