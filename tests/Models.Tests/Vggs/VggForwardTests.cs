using ModelZoo.Models.Tests.Oracle;
using ModelZoo.Models.Vggs;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Vggs;

/// <summary>Numeric equivalence with torchvision, and the options that change the module tree.</summary>
public sealed class VggForwardTests
{
    private readonly ITestOutputHelper _output;

    public VggForwardTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("vgg11", false)]
    [InlineData("vgg11_bn", true)]
    public void Eval_forward_equals_torchvision_for_formula_weights(string name, bool batchNorm)
    {
        using var model = new Vgg(VggConfig.A, batchNorm, new VggOptions { InitWeights = false });
        OracleForward.AssertEvalLogitsMatch(model, name, _output);
    }

    [Fact]
    public void Options_replace_stem_head_and_dropout_and_reset_keeps_key_position()
    {
        using var model = VggBuilders.Vgg11(new VggOptions { NumClasses = 10, InChannels = 1, Dropout = 0.2, InitWeights = false });
        Assert.Equal(new long[] { 64, 1, 3, 3 }, model.state_dict()["features.0.weight"].shape);
        Assert.Equal(new long[] { 10, 4096 }, model.state_dict()["classifier.6.weight"].shape);
        Assert.Equal(new[] { 0.2, 0.2 }, model.modules().OfType<Dropout>().Select(d => d.p));
        model.eval();
        using (var noGrad = torch.no_grad())
        using (Tensor y = model.call(torch.zeros(1, 1, 32, 40)))
            Assert.Equal(new long[] { 1, 10 }, y.shape);

        var keys = model.state_dict().Keys.ToList();
        model.ResetClassifier(4);
        Assert.Equal(keys, model.state_dict().Keys);
        Linear head = Assert.IsType<Linear>(model.GetClassifier());
        Assert.Equal(4, head.out_features);
        Assert.Equal(DeviceType.CPU, head.weight.device_type);
        Assert.True(head.bias!.eq(0).all().item<bool>());
        Assert.Equal(4, model.NumClasses);
    }
}
