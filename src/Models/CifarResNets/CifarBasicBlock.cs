namespace ModelZoo.Models.CifarResNets;

/// <summary>
/// The CIFAR ResNet basic block: conv3x3(stride) → BN → ReLU → conv3x3 → BN, plus the parameter-free "option A"
/// shortcut when the shape changes (take every <c>stride</c>-th pixel, zero-pad the new channels equally on both
/// sides), then ReLU. State-dict keys: conv1, bn1, conv2, bn2 (the shortcut has none).
/// </summary>
public sealed class CifarBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly Conv2d conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;   // BatchNorm2d; an Identity once folded into the convolution (Models.Inference)
    private readonly long _stride;
    private readonly long _padChannels;
    private readonly bool _projects;

    public CifarBasicBlock(long inPlanes, long planes, long stride) : base(nameof(CifarBasicBlock))
    {
        if (planes < inPlanes || (planes - inPlanes) % 2 != 0)
            throw new ArgumentException($"Option-A shortcuts can only widen by an even number of channels; got {inPlanes} -> {planes}.");
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: 1, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        _stride = stride;
        _padChannels = (planes - inPlanes) / 2;
        _projects = stride != 1 || planes != inPlanes;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = bn2.call(conv2.call(x));
        x = x.add_(Shortcut(input));
        return x.relu_().MoveToOuterDisposeScope();
    }

    private Tensor Shortcut(Tensor input)
    {
        if (!_projects) return input;
        Tensor sub = _stride == 1 ? input : input[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(null, null, _stride), TensorIndex.Slice(null, null, _stride)];
        return _padChannels == 0 ? sub : nn.functional.pad(sub, new long[] { 0, 0, 0, 0, _padChannels, _padChannels });
    }
}
