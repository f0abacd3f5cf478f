using ModelZoo.Onnx.Export.Emitters.Layers;
using ModelZoo.Models.CifarResNets;

namespace ModelZoo.Onnx.Export.Emitters.Families;

/// <summary>The CIFAR ResNet block: its option-A shortcut is a strided Slice (every stride-th pixel) and a zero Pad of the
/// new channels, split equally before and after, exactly as the block's forward builds it.</summary>
internal sealed class CifarBasicBlockEmitter : OnnxModuleEmitter<CifarBasicBlock>
{
    protected override OnnxValue Emit(OnnxGraphBuilder builder, CifarBasicBlock block, string path, OnnxValue input)
    {
        var conv1 = (Conv2d)OnnxGraphBuilder.Child(block, path, "conv1");
        long stride = conv1.stride[0], inPlanes = conv1.in_channels, planes = conv1.out_channels;
        OnnxValue x = Chain.Named(builder, block, path, input, "conv1", "bn1");
        x = builder.Relu(path + ".relu1", x);
        x = Chain.Named(builder, block, path, x, "conv2", "bn2");
        OnnxValue shortcut = input;
        if (stride != 1) shortcut = builder.StridedSlice(path + ".shortcut", shortcut, new long[] { 2, 3 }, stride);
        if (planes != inPlanes)
        {
            long pad = (planes - inPlanes) / 2;
            shortcut = builder.Pad(path + ".shortcut", shortcut, new long[] { 0, pad, 0, 0, 0, pad, 0, 0 });
        }
        OnnxValue sum = builder.Add(path, x, shortcut.Name);
        return builder.Relu(path + ".relu2", sum);
    }
}
