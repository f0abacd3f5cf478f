namespace ModelZoo.Onnx.Export.Emitters.Layers;

/// <summary><c>Linear</c> → Gemm (transB = 1) on [N, in]; on higher ranks MatMul with Wᵀ then Add.</summary>
internal sealed class LinearEmitter : OnnxModuleEmitter<Linear>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Linear linear, string path, OnnxValue input)
    {
        if (input.Shape[^1] != linear.in_features)
            throw new NotSupportedException($"ONNX export: the Linear at '{path}' takes {linear.in_features} features but gets {input}.");
        string weightKey = path + ".weight", biasKey = path + ".bias";
        if (input.Rank == 2)
        {
            string weight = builder.Weight(weightKey, linear.weight!);
            string? bias = linear.bias is null ? null : builder.Weight(biasKey, linear.bias);
            OnnxValue y = builder.Gemm(path, input, weight, bias);
            builder.Bind(path, bias is null
                ? new[] { new OnnxParameterBinding(1, weightKey) }
                : new[] { new OnnxParameterBinding(1, weightKey), new OnnxParameterBinding(2, biasKey) });
            return y;
        }
        using Tensor transposed = linear.weight!.t();
        string weightT = builder.Weight(weightKey + ".T", transposed);
        var shape = input.Shape.ToArray();
        shape[^1] = linear.out_features;
        OnnxValue product = builder.MatMul(path, input.Name, weightT, shape);
        // Import reads a MatMul's constant as [out, in] and a following Add's constant as its bias (canonical layout).
        builder.Bind(path, linear.bias is null
            ? new[] { new OnnxParameterBinding(1, weightKey) }
            : new[] { new OnnxParameterBinding(1, weightKey), new OnnxParameterBinding(2, biasKey) });
        return linear.bias is null ? product : builder.Add(path, product, builder.Weight(biasKey, linear.bias));
    }
}
