using ModelZoo.Models.Inference;
using ModelZoo.Models.Layout;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Inference;

/// <summary>The inference fast path (issue 11): folded batch norms and channels-last give the plain model's float32
/// logits to 1e-4, on a copy that leaves the caller's model, its weights and torch's generator untouched.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class FastInferenceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("resnet18", 64, 20)]
    [InlineData("googlenet", 64, 57)]
    [InlineData("vgg11_bn", 32, 8)]
    [InlineData("lenet5", 32, 0)]
    [InlineData("alexnet", 64, 0)]
    public void Folded_channels_last_fp32_equals_the_plain_model(string name, int size, int expectedFolds)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = 10 });
        RandomiseNorms(model);
        model.eval();
        using Tensor input = torch.randn(3, model.InChannels, size, size);
        Tensor expected;
        using (torch.no_grad()) expected = model.call(input);
        Dictionary<string, Tensor> before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        using InferenceModel fast = FastInference.Optimize(model);
        Tensor got = fast.Logits(input);

        double diff = got.sub(expected).abs().max().item<float>();
        output.WriteLine($"{name} [{size}x{size}]: {fast.Description}; max |diff| {diff:g3} (max |logit| {expected.abs().max().item<float>():g3})");
        Assert.True(diff <= 1e-4, $"{name}: max diff {diff}");
        Assert.Equal(ScalarType.Float32, got.dtype);
        Assert.True(fast.IsCopy);
        Assert.Equal(expectedFolds, fast.FoldedBatchNorms);
        Assert.Equal(expectedFolds, before.Keys.Count(k => k.EndsWith("running_mean", StringComparison.Ordinal)) - fast.Model.modules().OfType<BatchNorm2d>().Count());
        Assert.Equal(name == "lenet5" ? MemoryFormat.Contiguous : MemoryFormat.ChannelsLast, fast.MemoryFormat);

        // The caller's model is untouched: same keys, same values, same layout, same output.
        Dictionary<string, Tensor> after = model.state_dict();
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, kv => Assert.True(Same(kv.Value, after[kv.Key]), kv.Key));
        Assert.All(model.parameters(), p => Assert.True(p.is_contiguous()));
        Assert.Equal(before.Keys.Count(k => k.EndsWith("running_mean", StringComparison.Ordinal)), model.modules().OfType<BatchNorm2d>().Count());
        using (torch.no_grad()) Assert.True(Same(model.call(input), expected));
    }

    [Fact]
    public void Channels_last_runs_through_the_whole_network_and_the_input_is_converted()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 10 });
        using InferenceModel fast = FastInference.Optimize(model, new InferenceOptions { MemoryFormat = MemoryFormat.ChannelsLast });
        Parameter[] weights = fast.Model.parameters().Where(p => p.dim() == 4).ToArray();
        Assert.All(weights, p => Assert.True(ChannelsLast.IsChannelsLast(p)));
        Assert.Equal(17, weights.Count(p => !p.is_contiguous()));   // all but the three 1×1 downsample kernels, for which both layouts coincide
        var layouts = new List<(string, bool)>();
        foreach ((string path, nn.Module m) in ModuleTree.NamedDescendants(fast.Model).Where(d => d.Name is "conv1" or "layer2" or "layer4"))
            ((nn.Module<Tensor, Tensor>)m).register_forward_hook((_, input, result) =>
            {
                layouts.Add((path + " in", ChannelsLast.IsChannelsLast(input)));
                layouts.Add((path + " out", ChannelsLast.IsChannelsLast(result)));
                return result;
            });
        fast.Logits(torch.randn(2, 3, 64, 64));   // an NCHW input
        Assert.Equal(6, layouts.Count);
        Assert.All(layouts, l => Assert.True(l.Item2, l.Item1 + " is not channels-last"));
    }

    [Fact]
    public void Optimising_in_place_changes_the_model_itself_and_plain_changes_nothing()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 4 });
        RandomiseNorms(model);
        model.eval();
        using Tensor input = torch.randn(2, 3, 48, 48);
        Tensor expected;
        using (torch.no_grad()) expected = model.call(input);

        using (InferenceModel plain = FastInference.Optimize(model, InferenceOptions.Plain))
        {
            Assert.Same(model, plain.Model);
            Assert.False(plain.IsCopy);
            Assert.Equal(20, plain.Model.modules().OfType<BatchNorm2d>().Count());
            Assert.True(Same(plain.Logits(input), expected));
        }
        using InferenceModel inPlace = FastInference.Optimize(model, new InferenceOptions { InPlace = true });
        Assert.Same(model, inPlace.Model);
        Assert.Empty(model.modules().OfType<BatchNorm2d>());
        Assert.True(inPlace.Logits(input).sub(expected).abs().max().item<float>() <= 1e-4);
    }

    [Fact]
    public void Making_a_copy_leaves_torchs_generator_where_it_was()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 4 });
        torch.manual_seed(9);
        Tensor expected = torch.rand(8);
        torch.manual_seed(9);
        using (FastInference.Optimize(model)) { }
        Assert.True(Same(torch.rand(8), expected));
    }

    [Fact]
    public void A_replaced_head_is_copied_and_foreign_surgery_is_refused_clearly()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(6);
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 10 });
        model.ResetClassifier(3);
        model.eval();
        using Tensor input = torch.randn(1, 3, 32, 32);
        using (InferenceModel fast = FastInference.Optimize(model))
        using (torch.no_grad())
            Assert.True(fast.Logits(input).sub(model.call(input)).abs().max().item<float>() <= 1e-4);

        // A swapped parameter-free module changes no state_dict key; the module check still refuses to copy.
        using nn.Module avgpool = ModuleSurgery.Replace(model, "avgpool", nn.AdaptiveMaxPool2d(new long[] { 1, 1 }));
        var swapped = Assert.Throws<NotSupportedException>(() => FastInference.Optimize(model));
        Assert.Contains("avgpool: AdaptiveMaxPool2d", swapped.Message);
        ModuleSurgery.Replace(model, "avgpool", avgpool).Dispose();

        ModuleSurgery.Replace(model, "layer4", nn.Identity()).Dispose();
        var ex = Assert.Throws<NotSupportedException>(() => FastInference.Optimize(model));
        Assert.Contains("InPlace", ex.Message);
        Assert.Contains("layer4", ex.Message);
    }

    [Fact]
    public void Fp16_is_refused_on_the_cpu_with_a_pointer_to_bf16()
    {
        using ImageClassifier model = Zoo.Create("lenet5");
        var ex = Assert.Throws<ArgumentException>(() => FastInference.Optimize(model, new InferenceOptions { Precision = InferencePrecision.Fp16 }));
        Assert.Contains("bf16", ex.Message);
        Assert.Equal(InferencePrecision.Bf16, InferencePrecisionNames.Parse("BF16"));
        Assert.Equal(MemoryFormat.ChannelsLast, MemoryFormatNames.Parse("channels-last"));
        Assert.Contains("channels-last", Assert.Throws<ArgumentException>(() => MemoryFormatNames.Parse("nchw4")).Message);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>Non-trivial running statistics and affine parameters, so folding has something to get wrong.</summary>
    internal static void RandomiseNorms(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (BatchNorm2d bn in model.modules().OfType<BatchNorm2d>())
        {
            bn.running_mean!.normal_(0, 0.5);
            bn.running_var!.uniform_(0.5, 2.0);
            bn.weight!.normal_(1, 0.2);
            bn.bias!.normal_(0, 0.2);
        }
    }

    internal static void RandomiseNormsExceptAffine(BatchNorm2d bn, bool affine)
    {
        using var noGrad = torch.no_grad();
        bn.running_mean!.normal_(0, 0.5);
        bn.running_var!.uniform_(0.5, 2.0);
        if (!affine) return;
        bn.weight!.normal_(1, 0.2);
        bn.bias!.normal_(0, 0.2);
    }
}
