using System.Text;

namespace ModelZoo.Data.Datasets.Cifar.Pickle;

/// <summary>
/// A deliberately tiny, non-executing reader for the pickles of the CIFAR "python version" (pickle protocols 2–4,
/// written by Python 2 or 3): dicts, lists, tuples, ints, floats, str/bytes, and numpy arrays. Nothing is ever
/// imported or called: the only globals accepted are numpy's array reconstructor, ndarray and dtype, and
/// _codecs.encode (how Python 3 pickles bytes at protocol 2), and each is interpreted by hand. Any other global,
/// any unknown opcode, a length beyond the end of the file or a malformed stack is an
/// <see cref="InvalidDataException"/> naming the file.
/// </summary>
internal sealed class CifarUnpickler
{
    private static readonly Mark s_mark = new();
    private readonly BinaryReader _in;
    private readonly string _path;
    private readonly long _length;
    private readonly List<object?> _stack = new();
    private readonly Dictionary<long, object?> _memo = new();

    private sealed class Mark { }

    private sealed record Global(string Module, string Name);

    private CifarUnpickler(Stream stream, string path)
    {
        _in = new BinaryReader(stream, Encoding.Latin1, leaveOpen: true);
        _path = path;
        _length = stream.Length;
    }

    /// <summary>Reads the single object pickled in <paramref name="path"/>.</summary>
    public static object? Load(string path)
    {
        using FileStream file = File.OpenRead(path);
        using var buffered = new BufferedStream(file, 1 << 16);
        var reader = new CifarUnpickler(buffered, path);
        try
        {
            return reader.Run();
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"Pickle file {path} ends in the middle of an opcode (truncated).", ex);
        }
    }

    private object? Run()
    {
        while (true)
        {
            long offset = _in.BaseStream.Position;
            int op = _in.BaseStream.ReadByte();
            if (op < 0) throw Bad($"ends at byte {offset} without a STOP opcode (truncated?)");
            switch (op)
            {
                case 0x80: _in.ReadByte(); break;                                  // PROTO
                case 0x95: _in.ReadInt64(); break;                                 // FRAME (framing is transparent)
                case '.': return Pop();                                            // STOP
                case '(': Push(s_mark); break;                                     // MARK
                case '0': Pop(); break;                                            // POP
                case '1': PopMark(); break;                                        // POP_MARK
                case '2': Push(Peek()); break;                                     // DUP
                case 'N': Push(null); break;                                       // NONE
                case 0x88: Push(true); break;                                      // NEWTRUE
                case 0x89: Push(false); break;                                     // NEWFALSE
                case 'J': Push((long)_in.ReadInt32()); break;                      // BININT
                case 'K': Push((long)_in.ReadByte()); break;                       // BININT1
                case 'M': Push((long)_in.ReadUInt16()); break;                     // BININT2
                case 0x8a: Push(Long(Bytes(_in.ReadByte()))); break;               // LONG1
                case 0x8b: Push(Long(Bytes(_in.ReadInt32()))); break;              // LONG4
                case 'G': Push(BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(_in.ReadInt64()))); break; // BINFLOAT
                case 'T': Push(Bytes(_in.ReadInt32())); break;                     // BINSTRING (Python 2 str: raw bytes)
                case 'U': Push(Bytes(_in.ReadByte())); break;                      // SHORT_BINSTRING
                case 'B': Push(Bytes(_in.ReadUInt32())); break;                    // BINBYTES
                case 'C': Push(Bytes(_in.ReadByte())); break;                      // SHORT_BINBYTES
                case 0x8e: Push(Bytes(_in.ReadInt64())); break;                    // BINBYTES8
                case 'X': Push(Encoding.UTF8.GetString(Bytes(_in.ReadUInt32()))); break;   // BINUNICODE
                case 0x8c: Push(Encoding.UTF8.GetString(Bytes(_in.ReadByte()))); break;    // SHORT_BINUNICODE
                case 0x8d: Push(Encoding.UTF8.GetString(Bytes(_in.ReadInt64()))); break;   // BINUNICODE8
                case ']': Push(new List<object?>()); break;                        // EMPTY_LIST
                case 'l': Push(new List<object?>(PopMark())); break;               // LIST
                case 'a': { object? v = Pop(); AsList(Peek()).Add(v); break; }     // APPEND
                case 'e': { List<object?> items = PopMark(); AsList(Peek()).AddRange(items); break; } // APPENDS
                case ')': Push(Array.Empty<object?>()); break;                     // EMPTY_TUPLE
                case 't': Push(PopMark().ToArray()); break;                        // TUPLE
                case 0x85: Push(new[] { Pop() }); break;                           // TUPLE1
                case 0x86: { object? b = Pop(), a = Pop(); Push(new[] { a, b }); break; }              // TUPLE2
                case 0x87: { object? c = Pop(), b = Pop(), a = Pop(); Push(new[] { a, b, c }); break; } // TUPLE3
                case '}': Push(new Dictionary<string, object?>()); break;          // EMPTY_DICT
                case 'd': { var d = new Dictionary<string, object?>(); SetItems(d, PopMark()); Push(d); break; } // DICT
                case 's': { object? v = Pop(), k = Pop(); SetItems(AsDict(Peek()), new List<object?> { k, v }); break; } // SETITEM
                case 'u': { List<object?> items = PopMark(); SetItems(AsDict(Peek()), items); break; }                   // SETITEMS
                case 'c': Push(Allow(Line(), Line())); break;                      // GLOBAL
                case 0x93: { object? name = Pop(), module = Pop(); Push(Allow(Text(module), Text(name))); break; } // STACK_GLOBAL
                case 'R': { object? args = Pop(), callable = Pop(); Push(Reduce(callable, args)); break; }         // REDUCE
                case 'b': { object? state = Pop(); Build(Peek(), state); break; } // BUILD
                case 'q': _memo[_in.ReadByte()] = Peek(); break;                   // BINPUT
                case 'r': _memo[_in.ReadUInt32()] = Peek(); break;                 // LONG_BINPUT
                case 0x94: _memo[_memo.Count] = Peek(); break;                     // MEMOIZE
                case 'h': Push(Memo(_in.ReadByte())); break;                       // BINGET
                case 'j': Push(Memo(_in.ReadUInt32())); break;                     // LONG_BINGET
                default: throw Bad($"has opcode 0x{op:x2} at byte {offset}, which this reader does not support (it reads CIFAR's python pickles only)");
            }
        }
    }

    private object Allow(string module, string name) => (module, name) switch
    {
        ("numpy.core.multiarray" or "numpy._core.multiarray", "_reconstruct") => new Global(module, name),
        ("numpy", "ndarray" or "dtype") => new Global(module, name),
        ("_codecs", "encode") => new Global(module, name),
        _ => throw Bad($"references {module}.{name}; only numpy arrays, dtypes and _codecs.encode are allowed, nothing is executed. Refusing to load it"),
    };

    private object Reduce(object? callable, object? args)
    {
        if (callable is not Global g || args is not object?[] a) throw Bad("has a REDUCE that is not a call of an allowed global with a tuple");
        switch (g.Name)
        {
            case "encode" when a.Length >= 1 && a[0] is string s && (a.Length == 1 || Text(a[1]) is "latin1" or "latin-1"):
                return Encoding.Latin1.GetBytes(s);
            case "_reconstruct" when a.Length == 3 && a[0] is Global { Name: "ndarray" }:
                return new PickleNdArray();
            case "dtype" when a.Length >= 1:
                return new PickleDtype(Text(a[0]));
            default:
                throw Bad($"calls {g.Module}.{g.Name} with arguments this reader does not understand");
        }
    }

    private void Build(object? target, object? state)
    {
        if (target is PickleDtype dtype && state is object?[] ds && ds.Length >= 2)
        {
            dtype.ByteOrder = Text(ds[1]);
            return;
        }
        if (target is PickleNdArray array && state is object?[] s && s.Length == 5)
        {
            array.Shape = s[1] is object?[] shape ? shape.Select(d => d is long l ? l : throw Bad("has a non-integer array dimension")).ToArray() : throw Bad("has an array without a shape");
            array.Dtype = s[2] as PickleDtype ?? throw Bad("has an array without a dtype");
            array.FortranOrder = s[3] is true;
            array.Data = s[4] switch
            {
                byte[] bytes => bytes,
                string text => Encoding.Latin1.GetBytes(text),
                _ => throw Bad("has an array whose data is not raw bytes (object arrays are not supported)"),
            };
            return;
        }
        throw Bad($"has a BUILD on {target?.GetType().Name ?? "None"} that this reader does not understand");
    }

    private void SetItems(Dictionary<string, object?> dict, List<object?> items)
    {
        if (items.Count % 2 != 0) throw Bad("has a dict with an odd number of keys and values");
        for (int i = 0; i < items.Count; i += 2) dict[Key(items[i])] = items[i + 1];
    }

    /// <summary>Dict keys as text: Python 2 str and bytes keys are decoded as latin1 (torchvision's encoding="latin1").</summary>
    private static string Key(object? key) => key switch
    {
        string s => s,
        byte[] b => Encoding.Latin1.GetString(b),
        null => "None",
        _ => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private string Text(object? value) => value switch
    {
        string s => s,
        byte[] b => Encoding.Latin1.GetString(b),
        _ => throw Bad($"has {value?.GetType().Name ?? "None"} where text was expected"),
    };

    private static long Long(byte[] littleEndian)
    {
        if (littleEndian.Length == 0) return 0;
        if (littleEndian.Length > 8) return (long)new System.Numerics.BigInteger(littleEndian, isUnsigned: false, isBigEndian: false);
        var padded = new byte[8];
        littleEndian.CopyTo(padded, 0);
        if ((littleEndian[^1] & 0x80) != 0) for (int i = littleEndian.Length; i < 8; i++) padded[i] = 0xFF;
        return BitConverter.ToInt64(padded);
    }

    private byte[] Bytes(long count)
    {
        long remaining = _length - _in.BaseStream.Position;
        if (count < 0 || count > remaining) throw Bad($"declares a {count}-byte string at byte {_in.BaseStream.Position} but only {remaining} bytes remain (truncated or corrupt)");
        return _in.ReadBytes((int)count);
    }

    private string Line()
    {
        var text = new StringBuilder();
        int c;
        while ((c = _in.BaseStream.ReadByte()) != '\n')
        {
            if (c < 0 || text.Length > 256) throw Bad("has a malformed GLOBAL name");
            text.Append((char)c);
        }
        return text.ToString();
    }

    private object? Memo(long key) => _memo.TryGetValue(key, out object? value) ? value : throw Bad($"refers to memo entry {key}, which was never stored");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() => _stack.Count > 0 && _stack[^1] is not Mark ? _stack[^1] : throw Bad("has a stack underflow");

    private object? Pop()
    {
        object? value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopMark()
    {
        int mark = _stack.FindLastIndex(v => v is Mark);
        if (mark < 0) throw Bad("has a collection opcode without a MARK");
        List<object?> items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private List<object?> AsList(object? value) => value as List<object?> ?? throw Bad("appends to something that is not a list");

    private Dictionary<string, object?> AsDict(object? value) => value as Dictionary<string, object?> ?? throw Bad("sets an item on something that is not a dict");

    private InvalidDataException Bad(string what) => new($"Pickle file {_path} {what}.");
}
