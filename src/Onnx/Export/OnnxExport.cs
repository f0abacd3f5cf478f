using System.Reflection;
using ModelZoo.Models;
using ModelZoo.Core.IO;
using ModelZoo.Onnx.Export.Emitters;

namespace ModelZoo.Onnx.Export;

/// <summary>
/// Exports a zoo model (or your own <see cref="ImageClassifier"/> built from supported layers) to ONNX, exactly, by
/// walking its typed module tree: <c>OnnxExport.Save(model, "model.onnx", new OnnxExportOptions { DynamicBatch = true })</c>.
/// The graph is the eval-mode forward (dropout removed, batch norm with running statistics, GoogLeNet without its aux
/// heads); an unsupported module is a <see cref="NotSupportedException"/> naming its type and path. The model's output
/// shape on a probe input is checked against the graph's, and a classifier exported through the sequential fallback must
/// reproduce its forward. Files are written through a temporary file and a rename.
/// </summary>
public static class OnnxExport
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static OnnxExportResult Save(ImageClassifier model, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        OnnxExportResult shape = Build(model, options ?? new OnnxExportOptions(), includeData: true, out ModelProto proto, out _);
        AtomicFile.Write(path, proto.WriteTo);
        return shape with { Path = Path.GetFullPath(path), Bytes = new FileInfo(path).Length };
    }

    /// <summary>The ONNX model in memory (what <see cref="Save"/> writes).</summary>
    public static ModelProto ToModelProto(ImageClassifier model, OnnxExportOptions? options = null)
    {
        Build(model, options ?? new OnnxExportOptions(), includeData: true, out ModelProto proto, out _);
        return proto;
    }

    /// <summary>Builds the graph; without data, initializers carry shapes only (weight import's reference structure).</summary>
    internal static OnnxExportResult Build(ImageClassifier model, OnnxExportOptions options, bool includeData, out ModelProto proto,
        out OnnxGraphBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            (int h, int w) = options.InputSize is { } s ? (s, s) : model.FixedInputSize ?? (224, 224);
            long[] inputShape = { 1, model.InChannels, h, w };
            using var generator = new Generator(0);
            Tensor probe = torch.randn(inputShape, generator: generator);
            model.ValidateInput(probe);

            OnnxEmitterRegistry registry = options.Emitters ?? OnnxEmitterRegistry.Default;
            builder = new OnnxGraphBuilder(registry, includeData);
            builder.Reserve(options.InputName);
            OnnxValue output = builder.Emit(model, "", new OnnxValue(options.InputName, inputShape));
            string kind = model.NumClasses == 0 ? "features" : options.IncludeSoftmax ? "probabilities" : "logits";
            if (options.IncludeSoftmax)
            {
                if (model.NumClasses == 0) throw new ArgumentException($"{model.GetName()} has no classifier (0 classes), so there is no softmax to include.", nameof(options));
                output = builder.Softmax("softmax", output, axis: 1);
            }
            string outputName = options.OutputName ?? kind;
            if (output.Name == options.InputName) output = builder.Node("identity", "Identity", new[] { output.Name }, output.Shape);
            builder.Rename(output.Name, outputName);
            if (includeData) CheckAgainstTorch(model, registry, probe, output);

            GraphProto graph = builder.Graph;
            graph.Name = options.ModelName ?? model.GetName();
            TensorDimension batch = options.DynamicBatch ? TensorDimension.Symbolic("N") : TensorDimension.Fixed(1);
            graph.Inputs.Add(ValueInfoProto.Tensor(options.InputName, Dims(batch, inputShape)));
            graph.Outputs.Add(ValueInfoProto.Tensor(outputName, Dims(batch, output.Shape)));
            int folded = options.FoldBatchNorm && includeData ? BatchNormFoldingPass.Apply(graph) : 0;

            proto = new ModelProto
            {
                IrVersion = OnnxOpsets.IrVersion(options.Opset),
                ProducerName = "ModelZoo",
                ProducerVersion = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
                Domain = "ai.modelzoo",
                ModelVersion = 1,
                DocString = $"{graph.Name} exported by ModelZoo (eval-mode forward).",
                Graph = graph,
            };
            proto.OpsetImports.Add(new OperatorSetIdProto("", options.Opset));
            long dynamic = options.DynamicBatch ? -1 : 1;
            long[] inShape = inputShape.Select((d, i) => i == 0 ? dynamic : d).ToArray();
            long[] outShape = output.Shape.Select((d, i) => i == 0 ? dynamic : d).ToArray();
            OnnxMetadata.Write(proto, options, graph.Name, model.NumClasses, kind, inShape, outputName, outShape, folded);
            return new OnnxExportResult("", options.Opset, options.InputName, inShape, outputName, outShape, graph.Nodes.Count,
                graph.Initializers.Count, 0, folded);
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    private static IEnumerable<TensorDimension> Dims(TensorDimension batch, IReadOnlyList<long> shape) =>
        shape.Select((d, i) => i == 0 ? batch : TensorDimension.Fixed(d));

    /// <summary>The graph's output shape must be the model's; the sequential fallback must reproduce the forward.</summary>
    private static void CheckAgainstTorch(ImageClassifier model, OnnxEmitterRegistry registry, Tensor probe, OnnxValue output)
    {
        Tensor expected = model.call(probe);
        if (!expected.shape.SequenceEqual(output.Shape))
            throw new NotSupportedException($"ONNX export of {model.GetType().Name}: the graph produces [{string.Join(", ", output.Shape)}] "
                + $"but the model's forward gives [{string.Join(", ", expected.shape)}]; its forward differs from what the emitters assume.");
        if (registry.Find(model) is not SequentialClassifierEmitter) return;
        Tensor sequential = SequentialClassifierEmitter.Run(model, probe);
        double scale = Math.Max(1.0, expected.abs().max().item<float>());
        double diff = (expected - sequential).abs().max().item<float>();
        if (!(diff <= 1e-5 * scale))
            throw new NotSupportedException($"ONNX export of {model.GetType().Name}: it has no emitter and its forward is not its children applied "
                + $"in registration order (max difference {diff:G3}); register an IOnnxModuleEmitter for {model.GetType().Name}.");
    }
}
