using ModelZoo.Core.Pickle;
using ModelZoo.Models.CifarResNets;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.PyTorch;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Issue 4 acceptance: checkpoints written by other people's PyTorch code (../shared/data/checkpoints)
/// load into our models and reproduce the accuracies and logits PyTorch gets.</summary>
public sealed class RealCheckpointTests(ITestOutputHelper output)
{
    private static string Checkpoint(params string[] parts) => RepoPaths.SharedData(["checkpoints", .. parts]);

    [Fact]
    public void Zip_format_lenet_loads_strictly_into_LeNet5_and_scores_9813()
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(Checkpoint("fyh620-lenet", "lenet.pth"));
        Assert.Equal(CheckpointFormat.Zip, checkpoint.Format);
        using var model = new LeNet5(new LeNet5Options { InputSize = 28 });
        LoadResult result = StateDictLoader.Load(model, checkpoint.StateDict());
        Assert.True(result.IsExact, result.ToString());
        Assert.Equal(10, result.Loaded.Count);
        Assert.True(Assert.IsType<PickleDict>(checkpoint.Root).Attributes.ContainsKey("_metadata"));
        model.eval();

        float[] expected = [-93.578f, -77.112f, -40.165f, -182.068f, -190.979f, -144.917f, -166.892f, 4.451f, -69.383f, -32.908f];
        using (torch.no_grad())
        using (Tensor images = MnistBatch(0, 1, pad: 0))
        using (Tensor logits = model.call(images))
        {
            float[] got = logits.data<float>().ToArray();
            double maxDiff = got.Zip(expected).Max(p => Math.Abs(p.First - p.Second));
            output.WriteLine($"lenet.pth image 0 logits max |diff| vs PyTorch (printed to 3 decimals): {maxDiff:g3}");
            Assert.True(maxDiff <= 1e-3, $"logits {string.Join(", ", got)}");
            double exact = MaxDiff(got, Oracle("lenet_image0_logits"));
            output.WriteLine($"lenet.pth image 0 logits max |diff| vs full-precision PyTorch: {exact:g3}");
            Assert.True(exact <= 1e-4, $"max diff {exact}");
        }
        int correct = Score(model, pad: 0);
        output.WriteLine($"lenet.pth: {correct}/10000 correct");
        Assert.Equal(9813, correct);
    }

    [Fact]
    public void Legacy_lenet_loads_by_key_mapping_into_LeNet5_and_scores_9838()
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(Checkpoint("khushbujpatel-lenet5", "mnist_cnn.pt"));
        Assert.Equal(CheckpointFormat.Legacy, checkpoint.Format);
        // convnet.c1/c3 are our conv1/conv2; convnet.c5 (a 5x5 convolution over a 5x5 map) is our fc1 with its weight
        // flattened; fc.f6/f7 are fc2/fc3. ReLU and max-pool commute, so LeNet5's pool-then-ReLU order is the same net.
        var options = new LoadOptions
        {
            KeyMap = k => k.Replace("convnet.c1.", "conv1.").Replace("convnet.c3.", "conv2.").Replace("convnet.c5.", "fc1.")
                .Replace("fc.f6.", "fc2.").Replace("fc.f7.", "fc3."),
        };
        using var model = new LeNet5(new LeNet5Options { InputSize = 32 });
        var mismatch = Assert.Throws<StateDictLoadException>(() => StateDictLoader.Load(model, checkpoint.StateDict(), options));
        Assert.Contains("size mismatch for fc1.weight: copying a param with shape [120, 16, 5, 5] from checkpoint, the shape in current model is [120, 400]", mismatch.Message);

        using var scope = torch.NewDisposeScope();
        var flattened = checkpoint.StateDict().ToDictionary(kv => kv.Key,
            kv => kv.Key == "convnet.c5.weight" ? kv.Value.reshape(120, 400) : kv.Value);
        LoadResult result = StateDictLoader.Load(model, flattened, options);
        Assert.True(result.IsExact, result.ToString());
        model.eval();
        int correct = Score(model, pad: 2);
        output.WriteLine($"mnist_cnn.pt (zero-padded 28->32): {correct}/10000 correct");
        Assert.InRange(correct, 9836, 9840);
    }

    [Fact]
    public void Legacy_nested_resnet20_with_module_prefix_reproduces_pytorchs_logits()
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(Checkpoint("akamaster-resnet20-cifar10", "resnet20-12fca82f.th"));
        Assert.Equal(CheckpointFormat.Legacy, checkpoint.Format);
        var root = Assert.IsType<PickleDict>(checkpoint.Root);
        Assert.Equal(91.78, (double)root["best_prec1"]!, 4);
        IReadOnlyDictionary<string, Tensor> state = checkpoint.StateDict();
        Assert.All(state.Keys, k => Assert.StartsWith("module.", k));
        Assert.DoesNotContain(state.Keys, k => k.EndsWith("num_batches_tracked", StringComparison.Ordinal));

        using ImageClassifier model = CifarResNetBuilders.ResNet20();
        LoadResult result = StateDictLoader.Load(model, state);
        Assert.True(result.IsExact, result.ToString());
        Assert.Equal(97, result.Loaded.Count);
        model.eval();

        float[] expected = [3.2761f, -2.3189f, 0.4191f, 4.5202f, -1.3386f, 0.6448f, 0.3349f, -1.7288f, 0.1667f, -4.0055f];
        using var noGrad = torch.no_grad();
        using Tensor zeros = torch.zeros(1, 3, 32, 32);
        using Tensor logits = model.call(zeros);
        float[] got = logits.data<float>().ToArray();
        double maxDiff = got.Zip(expected).Max(p => Math.Abs(p.First - p.Second));
        output.WriteLine($"resnet20 all-zeros logits max |diff| vs PyTorch (printed to 4 decimals): {maxDiff:g3}");
        Assert.True(maxDiff <= 1e-4, $"logits {string.Join(", ", got)}");
        double exact = MaxDiff(got, Oracle("resnet20_zeros_logits"));
        output.WriteLine($"resnet20 all-zeros logits max |diff| vs full-precision PyTorch: {exact:g3}");
        Assert.True(exact <= 1e-5, $"max diff {exact}");

        // A non-constant input exercises the strided shortcuts and padding: sin(0.37 i), rebuilt exactly as PyTorch did.
        using Tensor sin = torch.arange(2 * 3 * 32 * 32, dtype: ScalarType.Float32).mul_(0.37f).sin_().reshape(2, 3, 32, 32);
        using Tensor sinLogits = model.call(sin);
        double sinDiff = MaxDiff(sinLogits.data<float>().ToArray(), Oracle("resnet20_sin_logits"));
        output.WriteLine($"resnet20 sin-input logits max |diff| vs full-precision PyTorch: {sinDiff:g3}");
        Assert.True(sinDiff <= 1e-4, $"max diff {sinDiff}");
    }

    private static double[] Oracle(string name)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("weights", "real_oracles.json")));
        System.Text.Json.JsonElement e = doc.RootElement.GetProperty(name);
        return e.EnumerateArray().SelectMany(x => x.ValueKind == System.Text.Json.JsonValueKind.Array ? x.EnumerateArray().ToArray() : [x])
            .Select(x => x.GetDouble()).ToArray();
    }

    private static double MaxDiff(float[] got, double[] expected)
    {
        Assert.Equal(expected.Length, got.Length);
        return got.Zip(expected).Max(p => Math.Abs(p.First - p.Second));
    }

    /// <summary>Correct predictions on all 10,000 t10k images, in batches of 1,000 under a dispose scope.</summary>
    private static int Score(nn.Module<Tensor, Tensor> model, int pad)
    {
        byte[] labels = MnistIdx.Test.Labels;
        int correct = 0;
        using var noGrad = torch.no_grad();
        for (int start = 0; start < 10_000; start += 1000)
        {
            using var scope = torch.NewDisposeScope();
            Tensor predicted = model.call(MnistBatch(start, 1000, pad)).argmax(1);
            Tensor truth = torch.tensor(labels.AsSpan(start, 1000).ToArray().Select(b => (long)b).ToArray());
            correct += (int)predicted.eq(truth).sum().item<long>();
        }
        return correct;
    }

    /// <summary>Images as PyTorch's preprocessing makes them: pixel/255, zero-padded by <paramref name="pad"/> pixels
    /// (padding the raw image, like transforms.Pad before ToTensor), then (x − 0.1307) / 0.3081.</summary>
    private static Tensor MnistBatch(int start, int count, int pad)
    {
        using var scope = torch.NewDisposeScope();
        byte[] pixels = MnistIdx.Test.Pixels.AsSpan(start * 784, count * 784).ToArray();
        Tensor x = torch.tensor(pixels, new long[] { count, 1, 28, 28 }).to_type(ScalarType.Float32).div_(255f);
        if (pad > 0) x = nn.functional.pad(x, new long[] { pad, pad, pad, pad });
        return x.sub_(0.1307f).div_(0.3081f).MoveToOuterDisposeScope();
    }
}
