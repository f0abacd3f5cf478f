using ModelZoo.Models.AlexNets;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.AlexNets;

/// <summary>torchvision's AlexNet: parameter count, state_dict layout, numeric equivalence, options and input checks.
/// One model is built for the whole class (about 0.25 GB).</summary>
public sealed class AlexNetTests : IClassFixture<AlexNetTests.Shared>
{
    public sealed class Shared : IDisposable
    {
        public AlexNet Model { get; } = AlexNetBuilders.AlexNet(seed: 1);
        public void Dispose() => Model.Dispose();
    }

    private readonly AlexNet _model;
    private readonly ITestOutputHelper _output;

    public AlexNetTests(Shared shared, ITestOutputHelper output)
    {
        _model = shared.Model;
        _output = output;
    }

    [Fact]
    public void Parameter_count_equals_torchvision()
    {
        Assert.Equal(61_100_840, _model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void State_dict_matches_torchvision_keys_shapes_and_order()
    {
        IReadOnlyList<string> expected = OracleFixtures.Keys("alexnet");
        Assert.Equal(16, expected.Count);
        Assert.Equal(expected, OracleFixtures.Describe(_model));
    }

    [Fact]
    public void Eval_forward_equals_torchvision_for_formula_weights()
    {
        using var model = new AlexNet();
        OracleForward.AssertEvalLogitsMatch(model, "alexnet", _output);
    }

    [Fact]
    public void Accepts_torchvisions_minimum_of_63_and_rejects_62_naming_the_expected_shape()
    {
        _model.eval();
        using var noGrad = torch.no_grad();
        using (Tensor ok = torch.zeros(1, 3, 63, 63))
        using (Tensor y = _model.call(ok))
            Assert.Equal(new long[] { 1, 1000 }, y.shape);
        using Tensor small = torch.zeros(1, 3, 62, 100);
        var ex = Assert.Throws<ArgumentException>(() => _model.call(small));
        Assert.Contains("[N, 3, H, W] with H, W >= 63", ex.Message);
        Assert.Contains("[1, 3, 62, 100]", ex.Message);
    }

    [Fact]
    public void Wrong_channel_count_is_an_argument_exception()
    {
        using Tensor gray = torch.zeros(1, 1, 64, 64);
        var ex = Assert.Throws<ArgumentException>(() => _model.call(gray));
        Assert.Contains("3 input channel", ex.Message);
        Assert.Contains("[N, 3, H, W]", ex.Message);
    }

    [Fact]
    public void Features_and_pre_logits_have_the_documented_shapes()
    {
        _model.eval();
        using var noGrad = torch.no_grad();
        using Tensor x = torch.zeros(2, 3, 224, 224);
        using Tensor f = _model.ForwardFeatures(x);
        Assert.Equal(new long[] { 2, 256, 6, 6 }, f.shape);
        using Tensor pre = _model.ForwardHead(f, preLogits: true);
        Assert.Equal(new long[] { 2, _model.NumFeatures }, pre.shape);
        Assert.Equal(new[] { 8, 16, 32 }, _model.FeatureInfo.Select(i => i.Reduction));
        Assert.Equal(new[] { 64, 192, 256 }, _model.FeatureInfo.Select(i => i.Channels));
    }

    [Fact]
    public void Options_replace_the_stem_the_head_and_the_dropout()
    {
        using var model = AlexNetBuilders.AlexNet(new AlexNetOptions { NumClasses = 10, InChannels = 1, Dropout = 0.25 });
        Dictionary<string, Tensor> state = model.state_dict();
        Assert.Equal(new long[] { 64, 1, 11, 11 }, state["features.0.weight"].shape);
        Assert.Equal(new long[] { 10, 4096 }, state["classifier.6.weight"].shape);
        Assert.Equal(61_100_840 - 64 * 2 * 121 - 990 * 4097, model.parameters().Sum(p => p.numel()));
        Assert.Equal(new[] { 0.25, 0.25 }, model.modules().OfType<Dropout>().Select(d => d.p));
        using Tensor y = model.call(torch.zeros(1, 1, 96, 96));
        Assert.Equal(new long[] { 1, 10 }, y.shape);
    }

    [Fact]
    public void Reset_classifier_keeps_key_position_and_device()
    {
        using var model = new AlexNet(new AlexNetOptions { NumClasses = 5 });
        var keysBefore = model.state_dict().Keys.ToList();
        model.ResetClassifier(7);
        Assert.Equal(7, model.NumClasses);
        Assert.Equal(keysBefore, model.state_dict().Keys);
        Assert.Equal(new long[] { 7, 4096 }, model.state_dict()["classifier.6.weight"].shape);
        Assert.Equal(DeviceType.CPU, ((Linear)model.GetClassifier()).weight.device_type);
        model.ResetClassifier(0);
        Assert.IsType<Identity>(model.GetClassifier());
        Assert.DoesNotContain("classifier.6.weight", model.state_dict().Keys);
        model.eval();
        using Tensor y = model.call(torch.zeros(1, 3, 63, 63));
        Assert.Equal(new long[] { 1, 4096 }, y.shape);
    }

    [Fact]
    public void A_stem_swapped_with_module_surgery_is_the_one_that_runs_and_that_the_input_check_expects()
    {
        using var model = new AlexNet(new AlexNetOptions { NumClasses = 3 });
        var keys = model.state_dict().Keys.ToList();
        var stem = nn.Conv2d(1, 64, kernel_size: 11, stride: 4, padding: 2);   // owned by the model once swapped in
        ModuleSurgery.Replace(model, model.StemName, stem).Dispose();
        Assert.Equal(1, model.InChannels);
        Assert.Equal(keys, model.state_dict().Keys);
        Assert.Equal(new long[] { 64, 1, 11, 11 }, model.state_dict()["features.0.weight"].shape);
        model.eval();
        using var noGrad = torch.no_grad();
        using Tensor y = model.call(torch.zeros(1, 1, 63, 63));
        Assert.Equal(new long[] { 1, 3 }, y.shape);
        Assert.Throws<ArgumentException>(() => model.call(torch.zeros(1, 3, 63, 63)));
    }
}
