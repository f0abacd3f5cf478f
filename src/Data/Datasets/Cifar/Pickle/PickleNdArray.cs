namespace ModelZoo.Data.Datasets.Cifar.Pickle;

/// <summary>A numpy array as rebuilt by <see cref="CifarUnpickler"/>: shape, dtype code and raw bytes (C order).</summary>
internal sealed class PickleNdArray
{
    public long[] Shape { get; set; } = Array.Empty<long>();
    public PickleDtype? Dtype { get; set; }
    public bool FortranOrder { get; set; }
    public byte[] Data { get; set; } = Array.Empty<byte>();
}
