using ModelZoo.Models.LeNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>LeNet5</c>: conv → act → pool (twice), flatten, fc1 → act → fc2 → act → fc3, with the model's activation
/// (ReLU, tanh, sigmoid, scaled tanh) and pooling (max or average).</summary>
internal sealed class LeNet5Emitter : OnnxModuleEmitter<LeNet5>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, LeNet5 model, string path, OnnxValue input)
    {
        LeNetActivation act = model.Activation;
        OnnxValue x = input;
        foreach (string conv in new[] { "conv1", "conv2" })
        {
            x = LeNetActivationNodes.Emit(builder, conv + ".act", act, builder.EmitChild(model, path, conv, x));
            long[] k = { 2, 2 };
            x = model.Options.Pooling == LeNetPooling.Max
                ? builder.MaxPool(conv + ".pool", x, k, k, new long[4])
                : builder.AveragePool(conv + ".pool", x, k, k, new long[4], countIncludePad: true);
        }
        x = builder.Flatten("flatten", x);
        x = LeNetActivationNodes.Emit(builder, "fc1.act", act, builder.EmitChild(model, path, "fc1", x));
        x = LeNetActivationNodes.Emit(builder, "fc2.act", act, builder.EmitChild(model, path, "fc2", x));
        return builder.EmitChild(model, path, "fc3", x);
    }
}
