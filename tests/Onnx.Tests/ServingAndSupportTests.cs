using System.Text.RegularExpressions;
using ModelZoo.Models;
using ModelZoo.Models.LeNets;
using ModelZoo.Onnx.Export;
using ModelZoo.Onnx.Import;
using ModelZoo.Onnx.Proto;
using ModelZoo.Onnx.Serving;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>The Triton entry agrees with its graph; opsets; your own classifiers; unsupported modules; a PyTorch-written file.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class ServingAndSupportTests
{
    [Fact]
    public void TritonConfigMatchesTheOnnxGraphAndTheRuntime()
    {
        using var dir = RepoPaths.NewTempDir();
        using ImageClassifier model = Zoo.Create("resnet20-cifar", new ModelOptions { Seed = 1 });
        TritonModelEntry entry = TritonModelRepository.Write(model, dir.Path, "cifar", maxBatchSize: 32, new OnnxExportOptions { InputSize = 32 });
        string config = File.ReadAllText(entry.ConfigPath);
        string onnx = Path.Combine(dir.Path, "cifar", "1", "model.onnx");
        GraphProto graph = ModelProto.Read(onnx).Graph;

        Assert.Matches("platform: \"onnxruntime_onnx\"", config);
        Assert.Contains("max_batch_size: 32", config);
        var sections = Regex.Matches(config, "(input|output) \\[\\s*\\{\\s*name: \"([^\"]+)\"\\s*data_type: (\\w+)\\s*dims: \\[ ([0-9, ]+) \\]");
        Assert.Equal(2, sections.Count);
        foreach ((Match m, ValueInfoProto value) in new[] { (sections[0], graph.Inputs[0]), (sections[1], graph.Outputs[0]) })
        {
            Assert.Equal(value.Name, m.Groups[2].Value);
            Assert.Equal("TYPE_FP32", m.Groups[3].Value);
            Assert.Equal(TensorElementType.Float, value.ElementType);
            Assert.Equal("N", value.Shape![0].Param);   // the batch dim Triton adds
            Assert.Equal(value.Shape.Skip(1).Select(d => d.Value!.Value), m.Groups[4].Value.Split(", ").Select(long.Parse));
        }
        using var runner = new OrtRunner(onnx);
        Assert.Equal(new[] { -1, 3, 32, 32 }, runner.Session.InputMetadata["input"].Dimensions);
        Assert.Equal(new[] { -1, 10 }, runner.Session.OutputMetadata["logits"].Dimensions);
    }

    [Fact]
    public void EverySupportedOpsetLoadsInTheRuntime()
    {
        using var dir = RepoPaths.NewTempDir();
        using var model = LeNetBuilders.LeNet5Classic(seed: 1);
        foreach (int opset in OnnxOpsets.Supported)
        {
            string path = dir.File($"opset{opset}.onnx");
            OnnxExport.Save(model, path, new OnnxExportOptions { Opset = opset });
            using var runner = new OrtRunner(path);
            Assert.Equal(opset, ModelProto.Read(path).DefaultOpset);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExport.ToModelProto(model, new OnnxExportOptions { Opset = 12 }));
    }

    /// <summary>A classifier of the user's own: supported layers registered in forward order.</summary>
    private sealed class TinyNet : ImageClassifier
    {
        private readonly Conv2d conv;
        private readonly LocalResponseNorm lrn;
        private readonly ReLU relu;
        private readonly Conv2d grouped;
        private readonly AvgPool2d pool;
        private readonly Linear head;

        public TinyNet(bool scramble = false) : base(nameof(TinyNet))
        {
            conv = nn.Conv2d(3, 8, 3, padding: 1);
            lrn = nn.LocalResponseNorm(3);
            relu = nn.ReLU();
            grouped = nn.Conv2d(8, 8, 3, stride: 2, groups: 4);
            pool = nn.AvgPool2d(2, padding: 1, count_include_pad: false);
            head = nn.Linear(8 * 4 * 4, 3);
            Scramble = scramble;
            RegisterComponents();
        }

        public bool Scramble { get; }
        public override int NumClasses => 3;
        public override int MinInputSize => 16;
        public override (int Height, int Width)? FixedInputSize => (16, 16);
        public override string StemName => "conv";
        public override string ClassifierName => "head";
        public override IReadOnlyList<FeatureInfo> FeatureInfo => [];
        public override int NumFeatures => 128;
        protected override Tensor Features(Tensor input) =>
            pool.call(grouped.call(Scramble ? lrn.call(conv.call(input)) : relu.call(lrn.call(conv.call(input)))));   // scrambled: no ReLU
        public override Tensor ForwardHead(Tensor features, bool preLogits = false) => preLogits ? features.flatten(1) : head.call(features.flatten(1));
        public override void ResetClassifier(int numClasses) => throw new NotSupportedException();
        public override nn.Module<Tensor, Tensor> GetClassifier() => head;
    }

    [Fact]
    public void YourOwnClassifierOfSupportedLayersExports()
    {
        using var model = new TinyNet();
        ExportCheck.AssertMatches(model);
    }

    [Fact]
    public void AClassifierWhoseForwardIsNotItsChildrenInOrderIsRefused()
    {
        using var model = new TinyNet(scramble: true);
        var ex = Assert.Throws<NotSupportedException>(() => OnnxExport.ToModelProto(model));
        Assert.Contains("TinyNet", ex.Message);
        Assert.Contains("not its children applied in registration order", ex.Message);
    }

    private sealed class GeluNet : ImageClassifier
    {
        private readonly Sequential body;

        public GeluNet() : base(nameof(GeluNet))
        {
            body = nn.Sequential(("conv", nn.Conv2d(1, 2, 3)), ("act", nn.GELU()), ("flat", nn.Flatten()), ("fc", nn.Linear(2 * 6 * 6, 2)));
            RegisterComponents();
        }

        public override int NumClasses => 2;
        public override int MinInputSize => 8;
        public override (int Height, int Width)? FixedInputSize => (8, 8);
        public override string StemName => "body.conv";
        public override string ClassifierName => "body.fc";
        public override IReadOnlyList<FeatureInfo> FeatureInfo => [];
        public override int NumFeatures => 72;
        protected override Tensor Features(Tensor input) => body.call(input);
        public override Tensor ForwardHead(Tensor features, bool preLogits = false) => features.alias();
        public override void ResetClassifier(int numClasses) => throw new NotSupportedException();
        public override nn.Module<Tensor, Tensor> GetClassifier() => body;
    }

    [Fact]
    public void AnUnsupportedModuleIsNamedWithItsPath()
    {
        using var model = new GeluNet();
        var ex = Assert.Throws<NotSupportedException>(() => OnnxExport.ToModelProto(model));
        Assert.StartsWith("ONNX export does not support module 'body.act' of type GELU.", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void PyTorchsOwnOnnxExportImportsIntoLeNet5WithTheCheckpointsWeights()
    {
        // ../shared: lenet.onnx is torch.onnx.export of the same network as lenet.pth (opset 11, softmax output).
        string onnx = RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.onnx");
        using var fromOnnx = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28 });
        OnnxImportResult result = OnnxImport.LoadWeights(fromOnnx, onnx);
        Assert.Equal(10, result.Load.Loaded.Count);
        using Models.Pretrained.PretrainedModel fromPth = Models.Pretrained.PretrainedLoader.FromFile("lenet5",
            RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth"), new Models.Pretrained.PretrainedOptions { Model = new ModelOptions { InputSize = 28 } });
        foreach ((string key, Tensor value) in fromPth.Model.state_dict())
            Assert.True(ImportTests.Same(value, fromOnnx.state_dict()[key]), key);
    }
}
