using ModelZoo.Models.LeNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>LeNet5</c>: conv → pool → relu (twice), flatten, fc1 → relu → fc2 → relu → fc3 (max or average pooling per its options).</summary>
internal sealed class LeNet5Emitter : OnnxModuleEmitter<LeNet5>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, LeNet5 model, string path, OnnxValue input)
    {
        OnnxValue x = input;
        foreach (string conv in new[] { "conv1", "conv2" })
        {
            x = builder.EmitChild(model, path, conv, x);
            long[] k = { 2, 2 };
            x = model.Options.Pooling == LeNetPooling.Max
                ? builder.MaxPool(conv + ".pool", x, k, k, new long[4])
                : builder.AveragePool(conv + ".pool", x, k, k, new long[4], countIncludePad: true);
            x = builder.Relu(conv + ".relu", x);
        }
        x = builder.Flatten("flatten", x);
        x = builder.Relu("fc1.relu", builder.EmitChild(model, path, "fc1", x));
        x = builder.Relu("fc2.relu", builder.EmitChild(model, path, "fc2", x));
        return builder.EmitChild(model, path, "fc3", x);
    }
}
