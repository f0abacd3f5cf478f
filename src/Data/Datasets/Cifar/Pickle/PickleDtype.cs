namespace ModelZoo.Data.Datasets.Cifar.Pickle;

/// <summary>A numpy dtype as rebuilt by <see cref="CifarUnpickler"/> (e.g. "u1"), with its byte order.</summary>
internal sealed class PickleDtype
{
    public PickleDtype(string code) => Code = code;

    public string Code { get; }
    public string ByteOrder { get; set; } = "|";
}
