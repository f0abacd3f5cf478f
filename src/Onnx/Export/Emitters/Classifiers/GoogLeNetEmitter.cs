using ModelZoo.Onnx.Export.Emitters.Layers;
using ModelZoo.Models.GoogLeNets;

namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary><c>GoogLeNet</c>'s eval graph: the optional input transform (x · scale_c + shift_c), the trunk, global pool,
/// flatten, dropout (identity) and fc. The auxiliary heads only run in training, so they are left out (and marked unused).</summary>
internal sealed class GoogLeNetEmitter : OnnxModuleEmitter<GoogLeNet>
{
    private static readonly string[] s_trunk =
    {
        "conv1", "maxpool1", "conv2", "conv3", "maxpool2", "inception3a", "inception3b", "maxpool3", "inception4a", "inception4b",
        "inception4c", "inception4d", "inception4e", "maxpool4", "inception5a", "inception5b", "avgpool",
    };

    protected override OnnxValue Emit(OnnxGraphBuilder builder, GoogLeNet model, string path, OnnxValue input)
    {
        OnnxValue x = input;
        if (model.Options.TransformInput)
        {
            long[] dims = { 1, 3, 1, 1 };
            x = builder.Mul("transform_input", x, builder.Constant("transform_input/scale", dims, Floats(GoogLeNet.TransformInputScale)));
            x = builder.Add("transform_input", x, builder.Constant("transform_input/shift", dims, Floats(GoogLeNet.TransformInputShift)));
        }
        x = Chain.Named(builder, model, path, x, s_trunk);
        x = builder.Flatten("flatten", x);
        x = Chain.Named(builder, model, path, x, "dropout", "fc");
        foreach (string aux in new[] { "aux1", "aux2" })
            if (OnnxGraphBuilder.HasChild(model, aux)) builder.MarkUnused(aux);
        return x;
    }

    private static float[] Floats(IReadOnlyList<double> values) => values.Select(v => (float)v).ToArray();
}
