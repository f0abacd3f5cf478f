using ModelZoo.Models.LeNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary>The <see cref="LeNetActivation"/> functions as ONNX nodes (A · tanh(S · x) as Mul, Tanh, Mul).</summary>
internal static class LeNetActivationNodes
{
    public static OnnxValue Emit(OnnxGraphBuilder builder, string path, LeNetActivation activation, OnnxValue x) => activation switch
    {
        LeNetActivation.ReLU => builder.Relu(path, x),
        LeNetActivation.Tanh => builder.Tanh(path, x),
        LeNetActivation.Sigmoid => builder.Sigmoid(path, x),
        LeNetActivation.ScaledTanh => builder.Scale(path, builder.Tanh(path, builder.Scale(path, x, LeNetActivations.TanhSlope)), LeNetActivations.TanhAmplitude),
        _ => throw new NotSupportedException($"ONNX export does not support the LeNet activation {activation} at '{path}'."),
    };
}
