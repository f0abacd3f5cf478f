namespace ModelZoo.Onnx.Export;

/// <summary>The typed operator methods: each adds one ONNX node and computes its output shape (the standard ONNX shape
/// rules for the attributes used here). Spatial attributes are [H, W]; pads are ONNX's [top, left, bottom, right].</summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>Conv (weight [O, I/g, kh, kw] and optional bias initializers).</summary>
    public OnnxValue Conv(string path, OnnxValue x, string weight, string? bias, IReadOnlyList<long> kernel, IReadOnlyList<long> strides,
        IReadOnlyList<long> pads, IReadOnlyList<long> dilations, long groups)
    {
        Require(x, 4, "Conv", path);
        long outChannels = Initializer(weight)!.Dims[0];
        long h = ConvSize(x.Shape[2], kernel[0], strides[0], pads[0], pads[2], dilations[0]);
        long w = ConvSize(x.Shape[3], kernel[1], strides[1], pads[1], pads[3], dilations[1]);
        var inputs = bias is null ? new[] { x.Name, weight } : new[] { x.Name, weight, bias };
        return Node(path, "Conv", inputs, new[] { x.Shape[0], outChannels, h, w },
            AttributeProto.IntList("kernel_shape", kernel), AttributeProto.IntList("strides", strides), AttributeProto.IntList("pads", pads),
            AttributeProto.IntList("dilations", dilations), AttributeProto.Int("group", groups));
    }

    /// <summary>BatchNormalization in inference mode (scale, bias, mean, var initializers).</summary>
    public OnnxValue BatchNormalization(string path, OnnxValue x, string scale, string bias, string mean, string variance, double epsilon) =>
        Node(path, "BatchNormalization", new[] { x.Name, scale, bias, mean, variance }, x.Shape, AttributeProto.Float("epsilon", (float)epsilon));

    /// <summary>Gemm: x [N, in] · Wᵀ + b with W [out, in] (transB = 1), PyTorch's Linear.</summary>
    public OnnxValue Gemm(string path, OnnxValue x, string weight, string? bias)
    {
        Require(x, 2, "Gemm", path);
        long outFeatures = Initializer(weight)!.Dims[0];
        var inputs = bias is null ? new[] { x.Name, weight } : new[] { x.Name, weight, bias };
        return Node(path, "Gemm", inputs, new[] { x.Shape[0], outFeatures }, AttributeProto.Int("transB", 1));
    }

    /// <summary>MatMul with numpy broadcasting; <paramref name="shape"/> is the caller's output shape.</summary>
    public OnnxValue MatMul(string path, string a, string b, IReadOnlyList<long> shape) => Node(path, "MatMul", new[] { a, b }, shape);

    public OnnxValue Relu(string path, OnnxValue x) => Node(path, "Relu", new[] { x.Name }, x.Shape);

    public OnnxValue Tanh(string path, OnnxValue x) => Node(path, "Tanh", new[] { x.Name }, x.Shape);

    public OnnxValue Sigmoid(string path, OnnxValue x) => Node(path, "Sigmoid", new[] { x.Name }, x.Shape);

    /// <summary>Element-wise a + b (b may broadcast, e.g. a constant).</summary>
    public OnnxValue Add(string path, OnnxValue a, string b) => Node(path, "Add", new[] { a.Name, b }, a.Shape);

    /// <summary>Element-wise a · b (b may broadcast, e.g. a constant).</summary>
    public OnnxValue Mul(string path, OnnxValue a, string b) => Node(path, "Mul", new[] { a.Name, b }, a.Shape);

    /// <summary>a · <paramref name="factor"/> with a scalar constant.</summary>
    public OnnxValue Scale(string path, OnnxValue a, double factor) => Mul(path, a, Constant($"{path}/scale", Array.Empty<long>(), (float)factor));

    public OnnxValue Concat(string path, IReadOnlyList<OnnxValue> values, int axis)
    {
        var shape = values[0].Shape.ToArray();
        shape[axis] = values.Sum(v => v.Shape[axis]);
        return Node(path, "Concat", values.Select(v => v.Name), shape, AttributeProto.Int("axis", axis));
    }

    /// <summary>Flatten to [N, rest] (PyTorch's flatten(1)).</summary>
    public OnnxValue Flatten(string path, OnnxValue x) =>
        Node(path, "Flatten", new[] { x.Name }, new[] { x.Shape[0], x.Shape.Skip(1).Aggregate(1L, (a, b) => a * b) }, AttributeProto.Int("axis", 1));

    /// <summary>MaxPool without dilation; pads ignore padded cells (ONNX and PyTorch agree).</summary>
    public OnnxValue MaxPool(string path, OnnxValue x, IReadOnlyList<long> kernel, IReadOnlyList<long> strides, IReadOnlyList<long> pads)
    {
        Require(x, 4, "MaxPool", path);
        return Node(path, "MaxPool", new[] { x.Name }, PoolShape(x, kernel, strides, pads),
            AttributeProto.IntList("kernel_shape", kernel), AttributeProto.IntList("strides", strides), AttributeProto.IntList("pads", pads));
    }

    public OnnxValue AveragePool(string path, OnnxValue x, IReadOnlyList<long> kernel, IReadOnlyList<long> strides, IReadOnlyList<long> pads,
        bool countIncludePad)
    {
        Require(x, 4, "AveragePool", path);
        return Node(path, "AveragePool", new[] { x.Name }, PoolShape(x, kernel, strides, pads),
            AttributeProto.IntList("kernel_shape", kernel), AttributeProto.IntList("strides", strides), AttributeProto.IntList("pads", pads),
            AttributeProto.Int("count_include_pad", countIncludePad ? 1 : 0));
    }

    public OnnxValue GlobalAveragePool(string path, OnnxValue x)
    {
        Require(x, 4, "GlobalAveragePool", path);
        return Node(path, "GlobalAveragePool", new[] { x.Name }, new[] { x.Shape[0], x.Shape[1], 1L, 1L });
    }

    /// <summary>LRN, PyTorch's LocalResponseNorm convention (α divided by the size) for odd sizes.</summary>
    public OnnxValue Lrn(string path, OnnxValue x, long size, double alpha, double beta, double bias) =>
        Node(path, "LRN", new[] { x.Name }, x.Shape, AttributeProto.Int("size", size), AttributeProto.Float("alpha", (float)alpha),
            AttributeProto.Float("beta", (float)beta), AttributeProto.Float("bias", (float)bias));

    /// <summary>Constant zero padding; <paramref name="pads"/> in ONNX order (all begins, then all ends).</summary>
    public OnnxValue Pad(string path, OnnxValue x, IReadOnlyList<long> pads)
    {
        int rank = x.Rank;
        var shape = x.Shape.Select((d, i) => d + pads[i] + pads[i + rank]).ToArray();
        return Node(path, "Pad", new[] { x.Name, Int64Constant($"{path}/pads", pads.ToArray()) }, shape, AttributeProto.String("mode", "constant"));
    }

    /// <summary>Every <paramref name="step"/>-th element along the given axes (x[..., ::step, ::step]).</summary>
    public OnnxValue StridedSlice(string path, OnnxValue x, IReadOnlyList<long> axes, long step)
    {
        var shape = x.Shape.ToArray();
        foreach (long axis in axes) shape[axis] = (shape[axis] + step - 1) / step;
        string starts = Int64Constant($"{path}/starts", axes.Select(_ => 0L).ToArray());
        string ends = Int64Constant($"{path}/ends", axes.Select(_ => long.MaxValue).ToArray());
        string axesName = Int64Constant($"{path}/axes", axes.ToArray());
        string steps = Int64Constant($"{path}/steps", axes.Select(_ => step).ToArray());
        return Node(path, "Slice", new[] { x.Name, starts, ends, axesName, steps }, shape);
    }

    public OnnxValue Softmax(string path, OnnxValue x, int axis) => Node(path, "Softmax", new[] { x.Name }, x.Shape, AttributeProto.Int("axis", axis));

    /// <summary>Output size of a convolution or pooling window along one axis.</summary>
    public static long ConvSize(long size, long kernel, long stride, long padBegin, long padEnd, long dilation = 1)
    {
        long span = dilation * (kernel - 1) + 1;
        long padded = size + padBegin + padEnd;
        if (padded < span)
            throw new ArgumentException($"A window of {span} does not fit an input of {size} (+{padBegin}+{padEnd} padding); the input is too small.");
        return (padded - span) / stride + 1;
    }

    private static long[] PoolShape(OnnxValue x, IReadOnlyList<long> kernel, IReadOnlyList<long> strides, IReadOnlyList<long> pads) =>
        new[]
        {
            x.Shape[0], x.Shape[1], ConvSize(x.Shape[2], kernel[0], strides[0], pads[0], pads[2]),
            ConvSize(x.Shape[3], kernel[1], strides[1], pads[1], pads[3]),
        };

    private static void Require(OnnxValue x, int rank, string op, string path)
    {
        if (x.Rank != rank)
            throw new NotSupportedException($"ONNX export: {op} at '{path}' needs a rank-{rank} input; got {x}.");
    }
}
