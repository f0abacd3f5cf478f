namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>The end of a torchvision residual block: branch + (downsample(x) or x), then the block's ReLU.</summary>
internal static class Residual
{
    public static OnnxValue AddAndRelu(OnnxGraphBuilder builder, nn.Module block, string path, OnnxValue branch, OnnxValue input)
    {
        OnnxValue shortcut = OnnxGraphBuilder.HasChild(block, "downsample") ? builder.EmitChild(block, path, "downsample", input) : input;
        if (!shortcut.Shape.SequenceEqual(branch.Shape))
            throw new NotSupportedException($"ONNX export: the residual branch {branch} and shortcut {shortcut} of '{path}' differ in shape.");
        OnnxValue sum = builder.Add(path, branch, shortcut.Name);
        return builder.EmitChild(block, path, "relu", sum);
    }
}
