using System.Text;
using ModelZoo.Core.Pickle;

namespace ModelZoo.Data.Datasets.Cifar.Pickle;

/// <summary>A numpy array as <see cref="NumpyAllowList"/> rebuilds it: shape, dtype code and raw bytes (C order).</summary>
internal sealed class PickleNdArray : IPickleBuildTarget
{
    public long[] Shape { get; private set; } = Array.Empty<long>();
    public PickleDtype? Dtype { get; private set; }
    public bool FortranOrder { get; private set; }
    public byte[] Data { get; private set; } = Array.Empty<byte>();

    /// <summary>ndarray's state: (version, shape, dtype, is_fortran, raw bytes).</summary>
    public void Build(object? state, PickleContext context)
    {
        if (state is not object?[] { Length: 5 } parts)
            throw context.Fail($"a numpy array's state must be (version, shape, dtype, is_fortran, data), got {context.Describe(state)}");
        Shape = context.Dimensions(parts[1], "a numpy array's shape");
        Dtype = parts[2] as PickleDtype ?? throw context.Fail($"a numpy array without a dtype (got {context.Describe(parts[2])})");
        FortranOrder = parts[3] is true;
        Data = parts[4] switch
        {
            byte[] bytes => bytes,
            string text => Encoding.Latin1.GetBytes(text),
            _ => throw context.Fail("a numpy array whose data is not raw bytes (object arrays are not supported)"),
        };
    }
}
