using ModelZoo.Models.CifarResNets;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.PyTorch;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Key matching, reporting and copying of <see cref="StateDictLoader"/>.</summary>
public sealed class StateDictLoaderTests
{
    /// <summary>A detached copy of a seeded LeNet-5's state dict, as a checkpoint would hold it.</summary>
    private static TensorDict Source(int seed, int classes = 10, Func<string, string>? rename = null)
    {
        using var model = LeNetBuilders.LeNet5(new LeNet5Options { NumClasses = classes }, seed);
        var dict = new TensorDict();
        foreach ((string key, Tensor t) in model.state_dict()) dict.Add(rename?.Invoke(key) ?? key, t.detach().clone());
        return dict;
    }

    private static float[] Values(nn.Module model, string key) => model.state_dict()[key].detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();

    [Fact]
    public void A_matching_dict_is_copied_into_the_existing_parameters()
    {
        using TensorDict source = Source(1);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        Tensor weightBefore = model.state_dict()["conv1.weight"];
        LoadResult result = StateDictLoader.Load(model, source);
        Assert.True(result.IsExact);
        Assert.Equal(10, result.Loaded.Count);
        Assert.Same(weightBefore, model.state_dict()["conv1.weight"]);
        Assert.Equal(source["fc3.bias"].data<float>().ToArray(), Values(model, "fc3.bias"));
        Assert.True(model.state_dict()["conv1.weight"].requires_grad);
    }

    [Fact]
    public void Values_are_converted_to_the_models_dtype()
    {
        using TensorDict source = Source(1);
        using var doubles = new TensorDict();
        foreach ((string k, Tensor t) in source) doubles.Add(k, t.to_type(ScalarType.Float64));
        using var model = LeNetBuilders.LeNet5(seed: 2);
        StateDictLoader.Load(model, doubles);
        Assert.Equal(ScalarType.Float32, model.state_dict()["fc1.weight"].dtype);
        Assert.Equal(source["fc1.weight"].data<float>().ToArray(), Values(model, "fc1.weight"));
    }

    [Fact]
    public void Strict_errors_list_every_problem_like_pytorch_and_copy_nothing()
    {
        using TensorDict source = Source(1, classes: 5, rename: k => k == "fc2.bias" ? "head.bias" : k);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        float[] before = Values(model, "conv1.weight");
        var ex = Assert.Throws<StateDictLoadException>(() => StateDictLoader.Load(model, source));
        Assert.Equal(
            "Error(s) in loading state_dict for LeNet5:" + Environment.NewLine
            + "\tMissing key(s) in state_dict: \"fc2.bias\"." + Environment.NewLine
            + "\tUnexpected key(s) in state_dict: \"head.bias\"." + Environment.NewLine
            + "\tsize mismatch for fc3.weight: copying a param with shape [5, 84] from checkpoint, the shape in current model is [10, 84]." + Environment.NewLine
            + "\tsize mismatch for fc3.bias: copying a param with shape [5] from checkpoint, the shape in current model is [10].",
            ex.Message);
        Assert.Equal(new[] { "fc3.weight", "fc3.bias" }, ex.Result.ShapeMismatched.Select(m => m.Key));
        Assert.Equal(before, Values(model, "conv1.weight"));
    }

    [Fact]
    public void Non_strict_loading_reports_and_loads_the_rest()
    {
        using TensorDict source = Source(1, rename: k => k == "fc2.bias" ? "head.bias" : k);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        LoadResult result = StateDictLoader.Load(model, source, new LoadOptions { Strict = false });
        Assert.Equal(new[] { "fc2.bias" }, result.Missing);
        Assert.Equal(new[] { "head.bias" }, result.Unexpected);
        Assert.Equal(9, result.Loaded.Count);
        Assert.Equal(source["fc1.bias"].data<float>().ToArray(), Values(model, "fc1.bias"));
        // Shape mismatches throw even when not strict, as in PyTorch, unless skipped.
        using TensorDict five = Source(1, classes: 5);
        Assert.Throws<StateDictLoadException>(() => StateDictLoader.Load(model, five, new LoadOptions { Strict = false }));
        LoadResult skipped = StateDictLoader.Load(model, five, new LoadOptions { SkipMismatchedShapes = true });
        Assert.Equal(2, skipped.ShapeMismatched.Count);
        Assert.Empty(skipped.Missing);
    }

    [Fact]
    public void Prefixes_are_stripped_keys_mapped_and_ignored()
    {
        using TensorDict source = Source(1, rename: k => "module.backbone." + k);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        var options = new LoadOptions
        {
            StripPrefixes = ["module.", "backbone."],
            KeyMap = k => k.StartsWith("fc2.", StringComparison.Ordinal) ? null : k,
            IgnoreKeys = ["fc3", "fc1.bias"],
        };
        LoadResult result = StateDictLoader.Load(model, source, options with { Strict = false });
        Assert.Empty(result.Unexpected);
        Assert.Equal(new[] { "fc2.weight", "fc2.bias" }, result.Missing);
        Assert.Equal(new[] { "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias" }.Order(), result.Ignored.Order());
        Assert.Equal(new[] { "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight" }, result.Loaded);

        var clash = Assert.Throws<ArgumentException>(() => StateDictLoader.Load(model, source, new LoadOptions { KeyMap = _ => "conv1.weight" }));
        Assert.Contains("both map to 'conv1.weight'", clash.Message);
    }

    [Fact]
    public void Absent_or_extra_num_batches_tracked_is_tolerated()
    {
        using var source = new TensorDict();
        using (var donor = CifarResNetBuilders.ResNet20(seed: 1))
            foreach ((string k, Tensor t) in donor.state_dict())
                if (!k.EndsWith("num_batches_tracked", StringComparison.Ordinal)) source.Add(k, t.detach().clone());
        using var model = CifarResNetBuilders.ResNet20(seed: 2);
        Assert.True(StateDictLoader.Load(model, source).IsExact);

        using TensorDict lenet = Source(1);
        lenet.Add("bn.num_batches_tracked", torch.tensor(3L));
        using var target = LeNetBuilders.LeNet5(seed: 2);
        LoadResult result = StateDictLoader.Load(target, lenet);
        Assert.Equal(new[] { "bn.num_batches_tracked" }, result.Ignored);
    }

    [Fact]
    public void Check_reports_without_copying()
    {
        using TensorDict source = Source(1, classes: 5);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        float[] before = Values(model, "conv1.weight");
        LoadResult result = StateDictLoader.Check(model, source);
        Assert.Equal(2, result.ShapeMismatched.Count);
        Assert.Equal(before, Values(model, "conv1.weight"));
    }

    [Fact]
    public void A_checkpoint_with_another_head_loads_the_backbone_and_reports_the_skipped_classifier()
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth"));
        using var model = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28, NumClasses = 4 }, seed: 3);
        float[] head = Values(model, "fc3.weight");
        LoadResult result = StateDictLoader.LoadWithNewHead(model, checkpoint.StateDict());
        Assert.Equal(new[] { "fc3.weight", "fc3.bias" }, result.ShapeMismatched.Select(m => m.Key));
        Assert.Equal(new long[] { 10, 84 }, result.ShapeMismatched[0].Got);
        Assert.Equal(new long[] { 4, 84 }, result.ShapeMismatched[0].Expected);
        Assert.Equal(8, result.Loaded.Count);
        Assert.Empty(result.Missing);
        Assert.Equal(head, Values(model, "fc3.weight"));
        Assert.Equal(checkpoint.StateDict()["conv1.weight"].data<float>().ToArray(), Values(model, "conv1.weight"));

        // A mismatch outside the classifier is still an error.
        using var wrongInput = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 32, NumClasses = 4 });
        var ex = Assert.Throws<StateDictLoadException>(() => StateDictLoader.LoadWithNewHead(wrongInput, checkpoint.StateDict()));
        Assert.Contains("size mismatch for fc1.weight", ex.Message);
        Assert.DoesNotContain("fc3", ex.Message);

        // A headless model (ResetClassifier(0)) ignores the checkpoint's classifier.
        using var headless = CifarResNetBuilders.ResNet20();
        using var cifar = PyTorchCheckpoint.Load(RepoPaths.SharedData("checkpoints", "akamaster-resnet20-cifar10", "resnet20-12fca82f.th"));
        headless.ResetClassifier(0);
        LoadResult noHead = StateDictLoader.LoadWithNewHead(headless, cifar.StateDict());
        Assert.Equal(new[] { "linear.weight", "linear.bias" }, noHead.Ignored);
        Assert.Equal(95, noHead.Loaded.Count);
    }

    [Fact]
    public void Complex_values_into_a_real_model_are_refused()
    {
        using TensorDict source = Source(1);
        using var complex = new TensorDict();
        foreach ((string k, Tensor t) in source) complex.Add(k, k == "fc3.bias" ? torch.complex(t, t) : t.alias());
        using var model = LeNetBuilders.LeNet5(seed: 2);
        Assert.Throws<ArgumentException>(() => StateDictLoader.Load(model, complex));
    }
}
