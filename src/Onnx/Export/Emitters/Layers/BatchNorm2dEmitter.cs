namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>BatchNorm2d</c> (eval: running statistics) → BatchNormalization; a non-affine norm gets γ = 1, β = 0.</summary>
internal sealed class BatchNorm2dEmitter : OnnxModuleEmitter<BatchNorm2d>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, BatchNorm2d bn, string path, OnnxValue input)
    {
        if (bn.running_mean is null || bn.running_var is null)
            throw new NotSupportedException($"ONNX export needs running statistics for the batch norm at '{path}' (track_running_stats is off).");
        long c = bn.num_features;
        var bindings = new List<OnnxParameterBinding>();
        string scale, bias;
        if (bn.weight is not null && bn.bias is not null)
        {
            scale = builder.Weight(path + ".weight", bn.weight);
            bias = builder.Weight(path + ".bias", bn.bias);
            bindings.Add(new OnnxParameterBinding(1, path + ".weight"));
            bindings.Add(new OnnxParameterBinding(2, path + ".bias"));
        }
        else
        {
            scale = builder.Constant(path + ".ones", new[] { c }, Enumerable.Repeat(1f, (int)c).ToArray());
            bias = builder.Constant(path + ".zeros", new[] { c }, new float[c]);
        }
        string mean = builder.Weight(path + ".running_mean", bn.running_mean);
        string variance = builder.Weight(path + ".running_var", bn.running_var);
        bindings.Add(new OnnxParameterBinding(3, path + ".running_mean"));
        bindings.Add(new OnnxParameterBinding(4, path + ".running_var"));
        OnnxValue output = builder.BatchNormalization(path, input, scale, bias, mean, variance, bn.eps);
        builder.Bind(path, bindings.ToArray());
        if (bn.num_batches_tracked is not null) builder.MarkImplied(path + ".num_batches_tracked");
        return output;
    }
}
