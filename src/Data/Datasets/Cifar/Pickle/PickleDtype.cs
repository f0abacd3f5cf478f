using ModelZoo.Core.Pickle;

namespace ModelZoo.Data.Datasets.Cifar.Pickle;

/// <summary>A numpy dtype as <see cref="NumpyAllowList"/> rebuilds it (e.g. "u1"), with its byte order.</summary>
internal sealed class PickleDtype : IPickleBuildTarget
{
    public PickleDtype(string code) => Code = code;

    public string Code { get; }
    public string ByteOrder { get; private set; } = "|";

    /// <summary>numpy's dtype state: (version, byte order, subarray, names, fields, itemsize, alignment, flags).</summary>
    public void Build(object? state, PickleContext context)
    {
        if (state is not object?[] { Length: >= 2 } parts)
            throw context.Fail($"a numpy dtype's state must be a tuple (version, byteorder, ...), got {context.Describe(state)}");
        ByteOrder = context.Text(parts[1], "a numpy dtype's byte order");
    }
}
