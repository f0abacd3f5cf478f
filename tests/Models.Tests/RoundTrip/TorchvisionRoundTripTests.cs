using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.PyTorch;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.RoundTrip;

/// <summary>Issue 4 acceptance: state dicts written by real torchvision 0.14 (tests/fixtures/roundtrip, made by
/// make_roundtrip_fixtures.py) load strictly into our models and give torchvision's eval logits to 1e-4. Every tensor
/// in those files is a strided view (strides ..., 13, 7, 3, 1 or 2, small offsets) into a small storage of its own, so
/// the files are small and the reader's size/stride/offset handling decides every weight. Our float32 logits are also
/// compared with the same net run by torchvision in float64, to show both float32 runs are equally close to exact.</summary>
public sealed class TorchvisionRoundTripTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("resnet18", "zip")]
    [InlineData("resnet18", "legacy")]
    [InlineData("vgg11_bn", "zip")]
    [InlineData("alexnet", "zip")]
    [InlineData("googlenet", "zip")]
    public void Torchvision_file_loads_strictly_and_reproduces_torchvisions_logits(string name, string format)
    {
        RoundTripOracle oracle = RoundTripOracle.For(name);
        string path = oracle.FilePath(format);
        using (PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(path))
            Assert.Equal(format == "zip" ? CheckpointFormat.Zip : CheckpointFormat.Legacy, checkpoint.Format);

        using TensorDict state = PyTorchCheckpoint.LoadStateDict(path);
        Assert.Equal(oracle.KeyCount, state.Count);
        AssertStridedSamples(oracle, state);

        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = oracle.NumClasses });
        LoadResult result = StateDictLoader.Load(model, state, new LoadOptions { Strict = true });
        Assert.True(result.IsExact, result.ToString());
        Assert.Empty(result.Missing);
        Assert.Empty(result.Unexpected);
        Assert.Empty(result.ShapeMismatched);
        Assert.Empty(result.Ignored);
        Assert.Equal(oracle.KeyCount, result.Loaded.Count);
        AssertBatchCountersLoaded(model, state);

        model.eval();
        using var noGrad = torch.no_grad();
        using Tensor input = RoundTripOracle.Input(oracle.InputSize);
        using (Tensor sum = input.to_type(ScalarType.Float64).sum())
            Assert.Equal(oracle.InputSum, sum.item<double>(), 6);
        using Tensor logits = model.call(input);
        Assert.Equal(new long[] { 2, oracle.NumClasses }, logits.shape);
        float[] got = logits.data<float>().ToArray();
        double[] want = oracle.Logits;
        double maxDiff = MaxDiff(got, want);
        double ourError = MaxDiff(got, oracle.ExactLogits);
        double theirError = want.Zip(oracle.ExactLogits).Max(p => Math.Abs(p.First - p.Second));
        output.WriteLine($"{name} ({format}, {new FileInfo(path).Length:N0} bytes, {state.Count} tensors): "
            + $"max |ours - torchvision| = {maxDiff:g3} over {got.Length} logits (max |logit| {want.Max(Math.Abs):f3}); "
            + $"vs float64: ours {ourError:g3}, torchvision's {theirError:g3}");
        Assert.True(maxDiff <= Tolerance, $"{name}: max |ours - torchvision| {maxDiff:g3} > {Tolerance}");
        Assert.True(ourError <= Tolerance, $"{name}: max |ours - float64 torchvision| {ourError:g3} > {Tolerance}");
    }

    private static double MaxDiff(float[] got, double[] want)
    {
        Assert.Equal(want.Length, got.Length);
        return got.Zip(want).Max(p => Math.Abs(p.First - p.Second));
    }

    /// <summary>The reader keeps torch's views: same sizes, strides and offset into a storage of the saved length,
    /// and the elements PyTorch read through the view.</summary>
    private static void AssertStridedSamples(RoundTripOracle oracle, TensorDict state)
    {
        int checkedCount = 0;
        foreach (StridedSample sample in oracle.Samples)
        {
            Tensor t = state[sample.Key];
            Assert.Equal(ScalarType.Float32, t.dtype);
            Assert.Equal(sample.Shape, t.shape);
            Assert.Equal(sample.Stride, t.stride());
            Assert.Equal(sample.Offset, t.storage_offset());
            Assert.False(t.is_contiguous(), $"{sample.Key} should be the saved non-contiguous view");
            long reach = sample.Offset + 1 + sample.Shape.Zip(sample.Stride).Sum(p => (p.First - 1) * p.Second);
            Assert.True(reach <= sample.StorageSize, $"{sample.Key}: view reaches {reach} > storage {sample.StorageSize}");
            using Tensor flat = t.reshape(-1);
            foreach ((long index, double value) in sample.Picks)
                Assert.Equal((float)value, flat[index].item<float>());
            checkedCount++;
        }
        Assert.Equal(3, checkedCount);
    }

    /// <summary>num_batches_tracked are int64 scalars (the script stores each entry's index) and land in the model.</summary>
    private static void AssertBatchCountersLoaded(ImageClassifier model, TensorDict state)
    {
        Dictionary<string, Tensor> modelState = model.state_dict();
        string[] counters = state.Keys.Where(k => k.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToArray();
        foreach (string key in counters)
        {
            Assert.Equal(ScalarType.Int64, state[key].dtype);
            Assert.Empty(state[key].shape);
            Assert.Equal(state[key].item<long>(), modelState[key].item<long>());
        }
        if (counters.Length > 0) Assert.NotEqual(0, modelState[counters[^1]].item<long>());
    }
}
