namespace ModelZoo.Onnx.Import;

/// <summary>An initializer of a weighted node in the layout weight import compares: dense weights as [out, in] (Gemm's
/// transB/alpha/beta and MatMul's [in, out] undone), everything else as stored.</summary>
internal sealed record CanonicalTensor(TensorProto Source, bool Transpose = false, float Scale = 1f)
{
    public long[] Shape => Transpose ? Source.Dims.AsEnumerable().Reverse().ToArray() : Source.Dims.ToArray();

    public Tensor ToTorch()
    {
        Tensor t = Source.ToTorch();
        if (Transpose) t = t.t().contiguous();
        if (Scale != 1f) t = t * Scale;
        return t;
    }
}
