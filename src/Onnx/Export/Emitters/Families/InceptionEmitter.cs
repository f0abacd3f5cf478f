using ModelZoo.Models.GoogLeNets;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>GoogLeNet's <c>Inception</c>: the four branches on the same input, concatenated along channels.</summary>
internal sealed class InceptionEmitter : OnnxModuleEmitter<Inception>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, Inception module, string path, OnnxValue input)
    {
        OnnxValue[] branches = new[] { "branch1", "branch2", "branch3", "branch4" }
            .Select(name => builder.EmitChild(module, path, name, input)).ToArray();
        return builder.Concat(path, branches, axis: 1);
    }
}
