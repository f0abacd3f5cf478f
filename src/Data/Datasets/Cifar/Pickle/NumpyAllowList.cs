using ModelZoo.Core.Pickle;

namespace ModelZoo.Data.Datasets.Cifar.Pickle;

/// <summary>
/// What the restricted unpickler accepts in the CIFAR "python version" files (pickle protocols 2–4, written by
/// Python 2 or 3): numpy's array reconstructor, <c>ndarray</c> and <c>dtype</c>, each rebuilt by our own code into
/// <see cref="PickleNdArray"/> and <see cref="PickleDtype"/>, and <c>_codecs.encode</c> (how Python 3 pickles bytes at
/// protocol 2). Python 2 str is read as raw bytes, as the arrays' contents are. Any other global is refused with an
/// <see cref="InvalidDataException"/> naming it.
/// </summary>
internal static class NumpyAllowList
{
    private static readonly object s_ndarrayClass = new();

    /// <summary>The allow-list <see cref="CifarPickleReader"/> passes to <see cref="RestrictedUnpickler"/>.</summary>
    public static PickleAllowList Instance { get; } = new PickleAllowList("CIFAR", Refuse) { Python2Strings = PickleStrings.Bytes }
        .AddCodecsEncode()
        .Allow("numpy.core.multiarray", "_reconstruct", Reconstruct)
        .Allow("numpy._core.multiarray", "_reconstruct", Reconstruct)
        .AllowValue("numpy", "ndarray", s_ndarrayClass)
        .Allow("numpy", "dtype", Dtype);

    private static InvalidDataException Refuse(string source, string global) => new(
        $"{source}: refused to load: the pickle references the Python global '{global}'; a CIFAR pickle may only use numpy " +
        "arrays, dtypes and _codecs.encode. Nothing was executed.");

    /// <summary><c>_reconstruct(ndarray, (0,), b'b')</c>: an empty array that the following BUILD fills.</summary>
    private static PickleNdArray Reconstruct(PickleCall call)
    {
        call.Arity(3, 3);
        if (call[0] is not PickleGlobal { Value: var cls } || cls != s_ndarrayClass)
            throw call.Fail($"{call.Callable} is only supported for numpy.ndarray, got {call.Describe(call[0])}");
        return new PickleNdArray();
    }

    /// <summary><c>dtype('u1', False, True)</c>: the code; the byte order comes with the following BUILD.</summary>
    private static PickleDtype Dtype(PickleCall call)
    {
        call.Arity(1, 3);
        return new PickleDtype(call.Text(call[0], "a numpy dtype code"));
    }
}
