using System.Numerics;
using ModelZoo.Core.Pickle;

namespace ModelZoo.Core.Tests.Pickle;

/// <summary>The opcodes of every pickle protocol (0–5) read to the values Python pickled, for both uses: fixtures
/// written by Python's own pickle (tests/fixtures/pickle/make_plain_pickles.py) and opcodes crafted one by one.</summary>
public sealed class PlainPickleTests
{
    public static TheoryData<string, int> UsesAndProtocols()
    {
        var data = new TheoryData<string, int>();
        foreach (string use in PickleUses.Names)
            for (int protocol = 0; protocol <= 5; protocol++) data.Add(use, protocol);
        return data;
    }

    [Theory]
    [MemberData(nameof(UsesAndProtocols))]
    public void Python_pickles_of_every_protocol_read_to_the_pickled_values(string use, int protocol)
    {
        string file = $"plain_p{protocol}.pkl";
        var d = Assert.IsType<PickleDict>(PickleUses.Load(use, PickleUses.FixtureBytes(file), file));
        Assert.Equal(18, d.Count);
        Assert.Equal(7L, d["small"]);
        Assert.Equal(-300L, d["negative"]);
        Assert.Equal(2147483647L, d["int32"]);
        Assert.Equal(-(1L << 40), d["int64"]);
        Assert.Equal(BigInteger.Pow(2, 70) + 5, d["big"]);
        Assert.Equal(-1.25, d["float"]);
        Assert.Equal("h\u00e9llo \u2713", d["text"]);
        Assert.Equal("", d["empty"]);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, d["bytes"]);
        Assert.Null(d["none"]);
        Assert.Equal(new object?[] { true, false }, Assert.IsType<List<object?>>(d["flags"]).ToArray());
        var list = Assert.IsType<List<object?>>(d["list"]);
        Assert.Equal(1L, list[0]);
        var inner = Assert.IsType<List<object?>>(list[1]);
        Assert.Equal(2L, inner[0]);
        Assert.Empty(Assert.IsType<List<object?>>(Assert.IsType<List<object?>>(inner[1])[1]));
        Assert.Equal(new object?[] { 1L, "two", 3.0 }, Assert.IsType<object?[]>(d["tuple"]));
        Assert.Equal(new object?[] { null, null }, Assert.IsType<object?[]>(d["pair"]));
        var nested = Assert.IsType<PickleDict>(Assert.IsType<PickleDict>(d["nested"])["a"]);
        Assert.Equal(1L, Assert.IsType<PickleDict>(Assert.Single(Assert.IsType<List<object?>>(nested["b"])))["c"]);
        Assert.Equal("an int key", d[1L]);
        Assert.Equal("a tuple key", d[new object?[] { 1L, "x" }]);
        object?[] shared = Assert.IsType<object?[]>(d["shared"]);
        Assert.Same(shared[0], shared[1]); // one list, memoised once and fetched again
        Assert.Equal(new object?[] { 10L, 20L }, Assert.IsType<List<object?>>(shared[0]).ToArray());
        Assert.Equal(new object[] { "small", "negative", "int32" }, d.Keys.Take(3).ToArray()); // insertion order
    }

    [Fact]
    public void Python_2_str_reads_as_text_for_checkpoints_and_as_raw_bytes_for_CIFAR()
    {
        byte[] Pickle(byte op, byte[] payload, bool lengthPrefix)
        {
            var p = new PickleBuilder().Proto().Op(op);
            if (lengthPrefix) p.Op(op == (byte)'U' ? [(byte)payload.Length] : BitConverter.GetBytes(payload.Length));
            return p.Op(payload).Stop().ToArray();
        }
        byte[] utf8 = [0x63, 0xC3, 0xA9], latin1 = [0x63, 0xE9];
        Assert.Equal("cé", PickleUses.Load("checkpoint", Pickle((byte)'U', utf8, true), "s.pkl"));
        Assert.Equal("cé", PickleUses.Load("checkpoint", Pickle((byte)'T', latin1, true), "s.pkl")); // not UTF-8: latin-1, as torch.load
        Assert.Equal(utf8, PickleUses.Load("cifar", Pickle((byte)'U', utf8, true), "s.pkl"));
        Assert.Equal(latin1, PickleUses.Load("cifar", Pickle((byte)'T', latin1, true), "s.pkl"));
        // protocol 0 STRING: a quoted Python 2 literal with escapes.
        byte[] quoted = "'c\\xc3\\xa9\\n\\'\\\\'\n"u8.ToArray();
        Assert.Equal("cé\n'\\", PickleUses.Load("checkpoint", new PickleBuilder().Op((byte)'S').Op(quoted).Stop().ToArray(), "s.pkl"));
        Assert.Equal(new byte[] { 0x63, 0xC3, 0xA9, 10, 39, 92 }, PickleUses.Load("cifar", new PickleBuilder().Op((byte)'S').Op(quoted).Stop().ToArray(), "s.pkl"));
    }

    [Theory]
    [MemberData(nameof(PickleUses.All), MemberType = typeof(PickleUses))]
    public void Bytes_and_tuple_keys_compare_by_content(string use)
    {
        byte[] pickle = new PickleBuilder().Proto(3).EmptyDict()
            .Op((byte)'C', 2, (byte)'a', (byte)'b').Int(1).SetItem()
            .Int(1).Str("x").Op(0x86).Int(2).SetItem()
            .Op((byte)'C', 2, (byte)'a', (byte)'b').Int(3).SetItem()   // the same bytes key again replaces the value
            .Stop().ToArray();
        var d = Assert.IsType<PickleDict>(PickleUses.Load(use, pickle, "keys.pkl"));
        Assert.Equal(2, d.Count);
        Assert.Equal(3L, d[new byte[] { 97, 98 }]);
        Assert.Equal(2L, d[new object?[] { 1L, "x" }]);
        Assert.Contains("no key b'zz'", Assert.Throws<KeyNotFoundException>(() => d[new byte[] { 122, 122 }]).Message);
    }
}
