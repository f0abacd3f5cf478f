using ModelZoo.Models.LeNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>LeNet5Classic</c>: C1, S2, C3 (partial), S4, C5 and F6 each followed by A · tanh(S · x), then the output layer.</summary>
internal sealed class LeNet5ClassicEmitter : OnnxModuleEmitter<LeNet5Classic>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, LeNet5Classic model, string path, OnnxValue input)
    {
        OnnxValue x = input;
        foreach (string layer in new[] { "c1", "s2", "c3", "s4", "c5" }) x = ScaledTanh(builder, layer, builder.EmitChild(model, path, layer, x));
        x = builder.Flatten("flatten", x);
        x = ScaledTanh(builder, "f6", builder.EmitChild(model, path, "f6", x));
        return builder.EmitChild(model, path, "output", x);
    }

    private static OnnxValue ScaledTanh(OnnxGraphBuilder builder, string layer, OnnxValue x) =>
        LeNetActivationNodes.Emit(builder, layer + ".tanh", LeNetActivation.ScaledTanh, x);
}
