using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ModelZoo.Tests;

/// <summary>Test-only pickle assembler for crafting hostile or malformed pickles (checkpoints, CIFAR batches) opcode by
/// opcode.</summary>
internal sealed class PickleBuilder
{
    private readonly MemoryStream _bytes = new();

    public PickleBuilder Op(params byte[] bytes) { _bytes.Write(bytes); return this; }
    public PickleBuilder Proto(byte version = 2) => Op(0x80, version);
    public PickleBuilder Mark() => Op((byte)'(');
    public PickleBuilder Stop() => Op((byte)'.');
    public PickleBuilder None() => Op((byte)'N');
    public PickleBuilder False() => Op(0x89);
    public PickleBuilder EmptyDict() => Op((byte)'}');
    public PickleBuilder EmptyList() => Op((byte)']');
    public PickleBuilder EmptyTuple() => Op((byte)')');
    public PickleBuilder Tuple() => Op((byte)'t');
    public PickleBuilder Tuple1() => Op(0x85);
    public PickleBuilder SetItem() => Op((byte)'s');
    public PickleBuilder SetItems() => Op((byte)'u');
    public PickleBuilder Append() => Op((byte)'a');
    public PickleBuilder Reduce() => Op((byte)'R');
    public PickleBuilder BinPersId() => Op((byte)'Q');
    public PickleBuilder Global(string module, string name) => Op((byte)'c').Op(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    public PickleBuilder StackGlobal(string module, string name) => Str(module).Str(name).Op(0x93);
    public PickleBuilder Inst(string module, string name) => Op((byte)'i').Op(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    public PickleBuilder Str(string s)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        var len = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)utf8.Length);
        return Op((byte)'X').Op(len).Op(utf8);
    }

    public PickleBuilder Int(long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)value);
            return Op((byte)'J').Op(b);
        }
        byte[] big = new System.Numerics.BigInteger(value).ToByteArray();
        return Op(0x8a, (byte)big.Length).Op(big);
    }

    /// <summary>Pushes <c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())</c>.</summary>
    public PickleBuilder Tensor(string storageClass, string key, long numel, long offset, long[] size, long[] stride)
    {
        Global("torch._utils", "_rebuild_tensor_v2").Mark();
        Mark().Str("storage").Global("torch", storageClass).Str(key).Str("cpu").Int(numel).Tuple().BinPersId();
        Int(offset);
        Mark(); foreach (long s in size) Int(s); Tuple();
        Mark(); foreach (long s in stride) Int(s); Tuple();
        return False().Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple().Reduce();
    }

    /// <summary>Pushes <c>module.name(arg)</c> via REDUCE: what an attacker's <c>__reduce__</c> produces.</summary>
    public PickleBuilder Call(string module, string name, string arg, bool stackGlobal = false) =>
        (stackGlobal ? StackGlobal(module, name) : Global(module, name)).Str(arg).Tuple1().Reduce();

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>A zip checkpoint like torch.save writes: &lt;prefix&gt;/data.pkl, data/&lt;key&gt; storages, version.</summary>
    public static byte[] Zip(byte[] dataPkl, IReadOnlyDictionary<string, byte[]>? storages = null, string prefix = "archive", string? byteorder = null)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] data)
            {
                using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(data);
            }
            Add($"{prefix}/data.pkl", dataPkl);
            if (byteorder != null) Add($"{prefix}/byteorder", Encoding.ASCII.GetBytes(byteorder));
            foreach ((string key, byte[] data) in storages ?? new Dictionary<string, byte[]>()) Add($"{prefix}/data/{key}", data);
            Add($"{prefix}/version", "3\n"u8.ToArray());
        }
        return ms.ToArray();
    }

    /// <summary>A legacy checkpoint: magic, protocol 1001, sys_info, the main pickle, the key list, then each storage
    /// as an int64 element count and its bytes.</summary>
    public static byte[] Legacy(byte[] mainPickle, params (string Key, long Count, byte[] Data)[] storages)
    {
        var ms = new MemoryStream();
        ms.Write(new PickleBuilder().Proto().Op(0x8a, 10).Op(Convert.FromHexString("6c fc 9c 46 f9 20 6a a8 50 19".Replace(" ", ""))).Stop().ToArray());
        ms.Write(new PickleBuilder().Proto().Int(1001).Stop().ToArray());
        ms.Write(new PickleBuilder().Proto().EmptyDict().Str("little_endian").Op(0x88).SetItem().Stop().ToArray());
        ms.Write(mainPickle);
        var keys = new PickleBuilder().Proto().EmptyList();
        foreach (var s in storages) keys.Str(s.Key).Append();
        ms.Write(keys.Stop().ToArray());
        foreach (var s in storages)
        {
            var count = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(count, s.Count);
            ms.Write(count);
            ms.Write(s.Data);
        }
        return ms.ToArray();
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }
}
