using ModelZoo.Core.Pickle;

namespace ModelZoo.Core.Tests.Pickle;

/// <summary>Truncated, corrupted and lying pickles fail with an <see cref="InvalidDataException"/> (or the use's
/// refusal) naming the source: never a crash, a hang, a stack overflow or an allocation bigger than the input — for
/// every use of the one reader, over real pickles each use reads.</summary>
public sealed class CorruptPickleTests
{
    public static TheoryData<string, string> UsesAndFixtures() => PickleUses.UsesAndFixtures();

    [Theory]
    [MemberData(nameof(UsesAndFixtures))]
    public void The_fixtures_load(string use, string file) =>
        Assert.NotNull(PickleUses.Load(use, PickleUses.FixtureBytes(file), file));

    [Theory]
    [MemberData(nameof(UsesAndFixtures))]
    public void Every_truncation_is_a_clear_error(string use, string file)
    {
        byte[] bytes = PickleUses.FixtureBytes(file);
        int step = Math.Max(1, bytes.Length / 400);
        for (int length = 0; length < bytes.Length; length += step)
        {
            var ex = Assert.Throws<InvalidDataException>(() => PickleUses.Load(use, bytes[..length], file));
            Assert.StartsWith(file, ex.Message);
        }
    }

    [Theory]
    [MemberData(nameof(UsesAndFixtures))]
    public void Flipping_any_byte_never_crashes(string use, string file)
    {
        byte[] original = PickleUses.FixtureBytes(file);
        int step = Math.Max(1, original.Length / 400);
        int failures = 0;
        for (int i = 0; i < original.Length; i += step)
        {
            byte[] bytes = (byte[])original.Clone();
            bytes[i] ^= 0xA5;
            try
            {
                PickleUses.Load(use, bytes, file);
            }
            catch (Exception e) when (e is InvalidDataException || e.GetType() == PickleUses.Refusal(use))
            {
                Assert.StartsWith(file, e.Message);
                failures++;
            }
        }
        Assert.True(failures > 0, "flipping bytes of a pickle must break at least some of them");
    }

    [Theory]
    [MemberData(nameof(PickleUses.All), MemberType = typeof(PickleUses))]
    public void Malformed_pickles_name_the_problem_and_the_byte(string use)
    {
        string Fails(PickleBuilder pickle) => Assert.Throws<InvalidDataException>(() => PickleUses.Load(use, pickle.ToArray(), "bad.pkl")).Message;
        Assert.StartsWith("bad.pkl: invalid ", Fails(new PickleBuilder().Proto().Op(0xff)));
        Assert.Contains("at byte 2: unknown pickle opcode 0xff", Fails(new PickleBuilder().Proto().Op(0xff)));
        Assert.Contains("memo entry 7, which was never stored", Fails(new PickleBuilder().Proto().Op((byte)'h', 7).Stop()));
        Assert.Contains("stack underflow", Fails(new PickleBuilder().Proto().SetItem().Stop()));
        Assert.Contains("runs past the end", Fails(new PickleBuilder().Proto().Op((byte)'X', 0xff, 0xff, 0xff, 0x7f)));
        Assert.Contains("before its STOP", Fails(new PickleBuilder().Proto().EmptyDict()));
        Assert.Contains("unsupported pickle protocol 6", Fails(new PickleBuilder().Proto(6).None().Stop()));
        Assert.Contains(use == "checkpoint" ? "unexpected persistent id the string 'x'" : "a persistent id where none is expected",
            Fails(new PickleBuilder().Proto().Str("x").BinPersId().Stop()));
        Assert.Contains("a list of 0 as a dict key is not supported", Fails(new PickleBuilder().Proto().EmptyDict().EmptyList().Int(1).SetItem().Stop()));
        Assert.Contains("not a valid quoted string", Fails(new PickleBuilder().Op((byte)'S').Op("abc\n"u8.ToArray()).Stop()));
        Assert.Contains("malformed \\u escape", Fails(new PickleBuilder().Op((byte)'V').Op("a\\u12\n"u8.ToArray()).Stop()));
    }

    [Theory]
    [MemberData(nameof(PickleUses.All), MemberType = typeof(PickleUses))]
    public void Deeply_nested_containers_do_not_overflow_the_stack(string use)
    {
        var pickle = new PickleBuilder().Proto();
        const int depth = 200_000;
        for (int i = 0; i < depth; i++) pickle.EmptyList();
        for (int i = 1; i < depth; i++) pickle.Append();
        var root = Assert.IsType<List<object?>>(PickleUses.Load(use, pickle.Stop().ToArray(), "deep.pkl"));
        Assert.Single(root);
    }

    [Theory]
    [MemberData(nameof(PickleUses.All), MemberType = typeof(PickleUses))]
    public void A_dict_key_of_deeply_nested_tuples_is_an_error_not_a_stack_overflow(string use)
    {
        var pickle = new PickleBuilder().Proto().EmptyDict().Int(0);
        for (int i = 0; i < 100_000; i++) pickle.Tuple1();
        byte[] deep = pickle.Int(1).SetItem().Stop().ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => PickleUses.Load(use, deep, "keys.pkl"));
        Assert.Contains($"a dict key nests tuples more than {RestrictedUnpickler.MaxKeyDepth} deep", ex.Message);

        var shallow = new PickleBuilder().Proto().EmptyDict().Int(0);
        for (int i = 0; i < RestrictedUnpickler.MaxKeyDepth; i++) shallow.Tuple1();
        var dict = Assert.IsType<PickleDict>(PickleUses.Load(use, shallow.Int(1).SetItem().Stop().ToArray(), "keys.pkl"));
        Assert.Equal(1L, Assert.Single(dict.Values));
    }
}
