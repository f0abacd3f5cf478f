using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace ModelZoo.Core.Pickle;

/// <summary>
/// The one restricted pickle reader (protocols 0–5) of ModelZoo. It only builds data: containers, numbers, strings,
/// bytes, what its <see cref="PickleAllowList"/>'s constructors make and whatever the persistent-id callback returns
/// (storage references). A global outside the allow-list is refused with the use's exception before anything is
/// applied; nothing is ever imported or executed. Every length is checked against the bytes left in the input before
/// anything is allocated, nesting is walked without recursion, and any malformed input fails with an
/// <see cref="InvalidDataException"/> "SOURCE: invalid PURPOSE pickle at byte N: ...", never a crash or a hang.
/// </summary>
internal sealed class RestrictedUnpickler
{
    /// <summary>How deeply tuples may nest inside a dict key (keys are compared and hashed recursively).</summary>
    internal const int MaxKeyDepth = 100;

    private const int MaxLine = 1 << 20;
    private readonly Stream _input;
    private readonly string _source;
    private readonly PickleAllowList _allowList;
    private readonly PickleContext _context;
    private readonly Func<object?, object?>? _persistentLoad;
    private readonly List<object?> _stack = new();
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = new();
    private long _opPosition;

    private RestrictedUnpickler(Stream input, string source, PickleAllowList allowList, Func<object?, object?>? persistentLoad)
    {
        _input = input;
        _source = source;
        _allowList = allowList;
        _persistentLoad = persistentLoad;
        _context = new PickleContext(allowList, Bad);
    }

    /// <summary>Reads one pickle from the current position of a seekable stream up to its STOP opcode.</summary>
    /// <param name="source">The file or stream name that every error message starts with.</param>
    /// <param name="allowList">The globals this use accepts and how each is built.</param>
    /// <param name="persistentLoad">Resolves persistent ids (torch's storages); without it a persistent id is an error.</param>
    public static object? Load(Stream input, string source, PickleAllowList allowList, Func<object?, object?>? persistentLoad = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(allowList);
        if (!input.CanSeek) throw new ArgumentException("The restricted unpickler needs a seekable stream (it checks lengths against what is left).", nameof(input));
        return new RestrictedUnpickler(input, source, allowList, persistentLoad).Run();
    }

    /// <summary>Reads the single pickle in the file at <paramref name="path"/> (named by its path in errors).</summary>
    public static object? Load(string path, PickleAllowList allowList)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(file, path, allowList);
    }

    private long Remaining => _input.Length - _input.Position;

    private object? Run()
    {
        while (true)
        {
            _opPosition = _input.Position;
            int op = _input.ReadByte();
            if (op < 0) throw Bad("the pickle ends before its STOP opcode (truncated file?)");
            switch (op)
            {
                case 0x80: int proto = ReadByte(); if (proto > 5) throw Bad($"unsupported pickle protocol {proto}"); break; // PROTO
                case 0x95: if (ReadUInt64() > (ulong)Remaining) throw Bad("a FRAME is longer than the rest of the data (truncated file?)"); break;
                case '.': return _stack.Count == 0 ? throw Bad("STOP with an empty stack") : Pop(); // STOP
                case '(': _marks.Push(_stack.Count); break; // MARK
                case '0': if (_stack.Count > 0 && (_marks.Count == 0 || _marks.Peek() < _stack.Count)) Pop(); else PopMark(); break;
                case '1': PopMark(); break; // POP_MARK
                case '2': Push(Top()); break; // DUP
                case 'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case 'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Read(4))); break; // BININT
                case 'K': Push((long)ReadByte()); break; // BININT1
                case 'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Read(2))); break; // BININT2
                case 0x8a: Push(Long(Read(ReadByte()))); break; // LONG1
                case 0x8b: Push(Long(Read(ReadLength(4)))); break; // LONG4
                case 'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Read(8))); break; // BINFLOAT
                case 'I': Push(TextInt(ReadLine())); break; // INT
                case 'L': Push(Normalize(ParseBig(ReadLine().TrimEnd('L')))); break;
                case 'F': Push(double.TryParse(ReadLine(), NumberStyles.Float, CultureInfo.InvariantCulture, out double real) ? real : throw Bad("a FLOAT opcode without a number")); break;
                case 'X': Push(Utf8(Read(ReadLength(4)))); break; // BINUNICODE
                case 0x8c: Push(Utf8(Read(ReadByte()))); break; // SHORT_BINUNICODE
                case 0x8d: Push(Utf8(Read(ReadLength(8)))); break; // BINUNICODE8
                case 'T': Push(Python2String(Read(ReadLength(4)))); break; // BINSTRING
                case 'U': Push(Python2String(Read(ReadByte()))); break; // SHORT_BINSTRING
                case 'S': Push(Python2String(PickleText.QuotedString(ReadLineBytes()) ?? throw Bad("a STRING opcode whose argument is not a valid quoted string"))); break;
                case 'V': Push(PickleText.RawUnicodeEscape(ReadLineBytes()) ?? throw Bad("a UNICODE opcode with a malformed \\u escape")); break;
                case 'B': Push(Read(ReadLength(4))); break; // BINBYTES
                case 'C': Push(Read(ReadByte())); break; // SHORT_BINBYTES
                case 0x8e: Push(Read(ReadLength(8))); break; // BINBYTES8
                case 0x96: Push(Read(ReadLength(8))); break; // BYTEARRAY8
                case ')': Push(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case 't': Push(PopMark().ToArray()); break; // TUPLE
                case 0x85: Push(new[] { Pop() }); break; // TUPLE1
                case 0x86: { object? b = Pop(), a = Pop(); Push(new[] { a, b }); break; }
                case 0x87: { object? c = Pop(), b = Pop(), a = Pop(); Push(new[] { a, b, c }); break; }
                case ']': Push(new List<object?>()); break; // EMPTY_LIST
                case 'l': Push(PopMark()); break; // LIST
                case 'a': { object? v = Pop(); AsList(Top(), "APPEND").Add(v); break; }
                case 'e': { List<object?> items = PopMark(); AsList(Top(), "APPENDS").AddRange(items); break; }
                case 0x8f: Push(new List<object?>()); break; // EMPTY_SET (read as a list)
                case 0x90: { List<object?> items = PopMark(); AsList(Top(), "ADDITEMS").AddRange(items); break; }
                case 0x91: Push(PopMark()); break; // FROZENSET
                case '}': Push(new PickleDict()); break; // EMPTY_DICT
                case 'd': { var d = new PickleDict(); SetItems(d, PopMark()); Push(d); break; }
                case 's': { object? v = Pop(), k = Pop(); SetItems(AsDict(Top(), "SETITEM"), [k, v]); break; }
                case 'u': { List<object?> items = PopMark(); SetItems(AsDict(Top(), "SETITEMS"), items); break; }
                case 'c': Push(_allowList.Resolve(ReadLine(), ReadLine(), _source)); break; // GLOBAL
                case 0x93: { object? name = Pop(), module = Pop(); Push(StackGlobal(module, name)); break; }
                case 'R': { object? args = Pop(), f = Pop(); Push(Call(f, args, "REDUCE")); break; }
                case 0x81: { object? args = Pop(), cls = Pop(); Push(Call(cls, args, "NEWOBJ")); break; }
                case 0x92: { object? kw = Pop(), args = Pop(), cls = Pop(); Push(NewObjEx(cls, args, kw)); break; }
                case 'i': { PickleGlobal cls = _allowList.Resolve(ReadLine(), ReadLine(), _source); Push(Call(cls, PopMark().ToArray(), "INST")); break; }
                case 'o': { List<object?> items = PopMark(); if (items.Count == 0) throw Bad("OBJ without a class"); Push(Call(items[0], items.Skip(1).ToArray(), "OBJ")); break; }
                case 'b': { object? state = Pop(); Build(Top(), state); break; }
                case 'Q': Push(Persistent(Pop())); break; // BINPERSID
                case 'P': Push(Persistent(ReadLine())); break; // PERSID
                case 'q': Memo(ReadByte()); break; // BINPUT
                case 'r': Memo(BinaryPrimitives.ReadUInt32LittleEndian(Read(4))); break; // LONG_BINPUT (an index, not a length)
                case 'p': Memo(ParseLong(ReadLine())); break; // PUT
                case 0x94: Memo(_memo.Count); break; // MEMOIZE
                case 'h': Push(Recall(ReadByte())); break; // BINGET
                case 'j': Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Read(4)))); break; // LONG_BINGET
                case 'g': Push(Recall(ParseLong(ReadLine()))); break; // GET
                case 0x82 or 0x83 or 0x84: throw Bad("EXT opcodes (the copyreg extension registry) are not supported");
                case 0x97 or 0x98: throw Bad("out-of-band buffers (pickle protocol 5 NEXT_BUFFER) are not supported");
                default: throw Bad($"unknown pickle opcode 0x{op:x2}");
            }
        }
    }

    private object? Call(object? callable, object? args, string opcode)
    {
        if (callable is not PickleGlobal g) throw Bad($"{opcode} of {Describe(callable)}, which is not callable");
        if (args is not object?[] tuple) throw Bad($"{opcode} of {g} with {Describe(args)} instead of an argument tuple");
        return _context.Apply(g, tuple);
    }

    private object? NewObjEx(object? cls, object? args, object? kwargs)
    {
        if (kwargs is not PickleDict { Count: 0 }) throw Bad("NEWOBJ_EX with keyword arguments is not supported");
        return Call(cls, args, "NEWOBJ_EX");
    }

    private PickleGlobal StackGlobal(object? module, object? name) => module is string m && name is string n
        ? _allowList.Resolve(m, n, _source)
        : throw Bad("STACK_GLOBAL needs two strings (module, name)");

    private void Build(object? target, object? state)
    {
        if (target is IPickleBuildTarget built)
        {
            built.Build(state, _context);
            return;
        }
        if (target is not PickleDict dict)
            throw Bad($"BUILD (setting object state) on {Describe(target)} is not supported");
        foreach (object? part in state is object?[] { Length: 2 } pair ? pair : new[] { state })
        {
            if (part is null) continue;
            if (part is not PickleDict attrs) throw Bad($"BUILD with state {Describe(part)} is not supported");
            foreach (KeyValuePair<object, object?> kv in attrs)
                dict.SetAttribute(kv.Key as string ?? throw Bad("BUILD with a non-string attribute name"), kv.Value);
        }
    }

    private object? Persistent(object? pid) =>
        _persistentLoad is null ? throw Bad("a persistent id where none is expected") : _persistentLoad(pid);

    private void SetItems(PickleDict dict, IReadOnlyList<object?> items)
    {
        if (items.Count % 2 != 0) throw Bad("SETITEMS with an odd number of items");
        for (int i = 0; i < items.Count; i += 2) dict.Set(Key(items[i], _context), items[i + 1]);
    }

    /// <summary>A dict key as <see cref="PickleDict"/> holds it: a string, number, bool, bytes, or a tuple of those
    /// nested at most <see cref="MaxKeyDepth"/> deep; anything else (None, lists, dicts, tensors) is an error.</summary>
    internal static object Key(object? key, PickleContext context, int depth = 0) => key switch
    {
        string or long or double or bool or BigInteger or byte[] => key,
        object?[] when depth >= MaxKeyDepth => throw context.Fail($"a dict key nests tuples more than {MaxKeyDepth} deep"),
        object?[] t when t.All(x => x is not null) => t.Select(x => Key(x, context, depth + 1)).ToArray<object?>(),
        _ => throw context.Fail($"{context.Describe(key)} as a dict key is not supported"),
    };

    private List<object?> AsList(object? value, string opcode) =>
        value as List<object?> ?? throw Bad($"{opcode} on {Describe(value)}, not a list");

    private PickleDict AsDict(object? value, string opcode) =>
        value as PickleDict ?? throw Bad($"{opcode} on {Describe(value)}, not a dict");

    private void Memo(long index)
    {
        if (_stack.Count == 0) throw Bad("PUT with an empty stack");
        _memo[index] = Top();
    }

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out object? value) ? value : throw Bad($"GET of memo entry {index}, which was never stored");

    private void Push(object? value) => _stack.Add(value);

    private object? Top() => _stack.Count > 0 && (_marks.Count == 0 || _marks.Peek() < _stack.Count)
        ? _stack[^1] : throw Bad("stack underflow");

    private object? Pop()
    {
        object? value = Top();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Bad("an opcode needs a MARK that is not there");
        int mark = _marks.Pop();
        List<object?> items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private int ReadByte()
    {
        int b = _input.ReadByte();
        return b >= 0 ? b : throw Bad("the pickle ends in the middle of an opcode (truncated file?)");
    }

    private long ReadLength(int bytes)
    {
        long length = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Read(4)) : (long)Math.Min(ReadUInt64(), long.MaxValue);
        return length <= Remaining ? length : throw Bad($"a length of {length} bytes runs past the end of the data ({Remaining} bytes left; truncated file?)");
    }

    private ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Read(8));

    private byte[] Read(long count)
    {
        if (count > Remaining) throw Bad($"needs {count} more bytes but only {Remaining} are left (truncated file?)");
        var buffer = new byte[count];
        _input.ReadExactly(buffer);
        return buffer;
    }

    private string ReadLine() => Encoding.UTF8.GetString(ReadLineBytes());

    private byte[] ReadLineBytes()
    {
        var bytes = new List<byte>();
        for (int b = ReadByte(); b != '\n'; b = ReadByte())
        {
            if (bytes.Count >= MaxLine) throw Bad("a text opcode line is longer than 1 MB");
            bytes.Add((byte)b);
        }
        return bytes.ToArray();
    }

    private object TextInt(string text) => text switch
    {
        "00" => false,
        "01" => true,
        _ => Normalize(ParseBig(text)),
    };

    private BigInteger ParseBig(string text) =>
        text.Length <= 10_000 && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger v)
            ? v : throw Bad("a text integer opcode without a valid integer");

    private long ParseLong(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : throw Bad("a text memo index that is not a number");

    private static object Long(byte[] bytes) => Normalize(new BigInteger(bytes, isUnsigned: false, isBigEndian: false));

    private static object Normalize(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;

    private static string Utf8(byte[] bytes)
    {
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.Latin1.GetString(bytes); }
    }

    private object Python2String(byte[] bytes) => _allowList.Python2Strings == PickleStrings.Bytes ? bytes : Utf8(bytes);

    private string Describe(object? value) => _allowList.Describe(value);

    private InvalidDataException Bad(string message) =>
        new($"{_source}: invalid {_allowList.Purpose} pickle at byte {_opPosition}: {message}.");
}
