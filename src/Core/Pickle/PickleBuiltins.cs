using System.Numerics;
using System.Text;

namespace ModelZoo.Core.Pickle;

/// <summary>
/// Our constructors for the plain-data Python globals pickles use to spell ordinary values: an allow-list opts into
/// the ones its files need (<see cref="AddCodecsEncode"/> for the bytes of protocol 2 pickles written by Python 3,
/// <see cref="AddContainers"/> for OrderedDict, set, frozenset, bytearray and complex). Sets are read as lists.
/// </summary>
internal static class PickleBuiltins
{
    /// <summary><c>_codecs.encode(str, "latin1")</c>: how protocol 2 pickles <c>bytes</c>.</summary>
    public static PickleAllowList AddCodecsEncode(this PickleAllowList list) => list.Allow("_codecs", "encode", Encode);

    /// <summary><c>collections.OrderedDict</c>, <c>builtins.set</c>, <c>frozenset</c>, <c>bytearray</c> and <c>complex</c>.</summary>
    public static PickleAllowList AddContainers(this PickleAllowList list) => list
        .Allow("collections", "OrderedDict", OrderedDict)
        .Allow("builtins", "set", Set)
        .Allow("builtins", "frozenset", Set)
        .Allow("builtins", "bytearray", ByteArray)
        .Allow("builtins", "complex", MakeComplex);

    private static object Encode(PickleCall call)
    {
        call.Arity(1, 2);
        if (call[0] is not string text)
            throw call.Fail($"_codecs.encode expects a str, got {call.Describe(call[0])}");
        if (call.Count == 1) return Encoding.UTF8.GetBytes(text); // Python's default encoding
        return call.Text(call[1], "the encoding") is "latin1" or "latin-1" or "iso-8859-1"
            ? Encoding.Latin1.GetBytes(text)
            : throw call.Fail("_codecs.encode is only supported as protocol 2 uses it: encode(str, 'latin1')");
    }

    private static object OrderedDict(PickleCall call)
    {
        var dict = new PickleDict();
        if (call.Count == 1 && call[0] is IEnumerable<object?> pairs)
            foreach (object? pair in pairs)
            {
                object?[] kv = call.Tuple(pair, 2, "an OrderedDict item");
                dict.Set(RestrictedUnpickler.Key(kv[0], call), kv[1]);
            }
        else call.Arity(0, 0);
        return dict;
    }

    private static object Set(PickleCall call)
    {
        call.Arity(0, 1);
        return call.Count == 0 ? new List<object?>() : new List<object?>(call.Sequence(call[0], call.Callable.FullName));
    }

    private static object ByteArray(PickleCall call)
    {
        call.Arity(0, 2);
        if (call.Count == 0) return Array.Empty<byte>();
        return call[0] switch
        {
            byte[] bytes => bytes,
            string s => Encoding.Latin1.GetBytes(s),
            _ => throw call.Fail("bytearray expects bytes"),
        };
    }

    private static object MakeComplex(PickleCall call)
    {
        call.Arity(2, 2);
        return new Complex(call.Number(call[0]), call.Number(call[1]));
    }
}
