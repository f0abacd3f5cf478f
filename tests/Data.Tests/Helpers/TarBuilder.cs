using System.IO.Compression;
using System.Text;

namespace ModelZoo.Data.Tests;

/// <summary>Writes raw ustar archives byte by byte, so tests can craft entries that well-behaved writers refuse
/// ("../x", "/abs", links pointing out, devices).</summary>
internal sealed class TarBuilder
{
    private readonly MemoryStream _data = new();

    public TarBuilder File(string name, byte[] content) => Entry(name, '0', content, "");
    public TarBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));
    public TarBuilder Directory(string name) => Entry(name.EndsWith('/') ? name : name + "/", '5', Array.Empty<byte>(), "");
    public TarBuilder Symlink(string name, string target) => Entry(name, '2', Array.Empty<byte>(), target);
    public TarBuilder HardLink(string name, string target) => Entry(name, '1', Array.Empty<byte>(), target);
    public TarBuilder Fifo(string name) => Entry(name, '6', Array.Empty<byte>(), "");

    public byte[] ToTar()
    {
        var result = new MemoryStream();
        _data.Position = 0;
        _data.CopyTo(result);
        result.Write(new byte[1024]); // two zero blocks end the archive
        return result.ToArray();
    }

    public byte[] ToTarGz()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(ToTar());
        return output.ToArray();
    }

    private TarBuilder Entry(string name, char type, byte[] content, string link)
    {
        var header = new byte[512];
        Put(header, 0, 100, name);
        Put(header, 100, 8, type == '5' ? "0000755" : "0000644");
        Put(header, 108, 8, "0000000");
        Put(header, 116, 8, "0000000");
        Put(header, 124, 12, Convert.ToString(content.Length, 8).PadLeft(11, '0'));
        Put(header, 136, 12, "14000000000");
        header[156] = (byte)type;
        Put(header, 157, 100, link);
        Put(header, 257, 6, "ustar");
        Put(header, 263, 2, "00");
        for (int i = 148; i < 156; i++) header[i] = (byte)' ';
        int sum = header.Sum(b => b);
        Put(header, 148, 8, Convert.ToString(sum, 8).PadLeft(6, '0'));
        header[154] = 0;
        header[155] = (byte)' ';
        _data.Write(header);
        _data.Write(content);
        int pad = (512 - content.Length % 512) % 512;
        _data.Write(new byte[pad]);
        return this;
    }

    private static void Put(byte[] header, int offset, int length, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > length) throw new ArgumentException($"'{value}' does not fit in {length} bytes.");
        bytes.CopyTo(header, offset);
    }
}
