namespace ModelZoo.Data.Tests;

/// <summary>Reads a JPEG's stored width and height from its SOFn marker (an oracle independent of any decoder).</summary>
internal static class JpegSize
{
    public static (int Width, int Height) Read(string path)
    {
        byte[] b = File.ReadAllBytes(path);
        int i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF) { i++; continue; }
            byte marker = b[i + 1];
            if (marker == 0xFF) { i++; continue; }
            int length = (b[i + 2] << 8) | b[i + 3];
            bool sof = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (sof) return ((b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6]);
            i += 2 + length;
        }
        throw new InvalidDataException($"No SOF marker in {path}.");
    }
}
