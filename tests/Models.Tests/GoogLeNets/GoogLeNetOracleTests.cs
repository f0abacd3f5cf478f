using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.GoogLeNets;

/// <summary>GoogLeNet against torchvision 0.14: state_dict keys/shapes/order and parameter counts with and without aux
/// heads, and outputs within 1e-4 for identical (deterministically filled) weights, in eval and in training mode.</summary>
public sealed class GoogLeNetOracleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, "googlenet", 364, 13_004_888)]
    [InlineData(false, "googlenet_noaux", 344, 6_624_904)]
    public void Keys_shapes_order_and_parameter_count_equal_torchvision(bool auxLogits, string keys, int entries, long parameters)
    {
        using var model = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { AuxLogits = auxLogits, InitWeights = false });
        IReadOnlyList<string> expected = OracleFixtures.Keys(keys);
        Assert.Equal(entries, expected.Count);
        Assert.Equal(expected, OracleFixtures.Describe(model));
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
        Assert.Equal(auxLogits, model.state_dict().Keys.Any(k => k.StartsWith("aux1.", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("googlenet", true, false, 1000)]
    [InlineData("googlenet_transform", true, true, 1000)]
    [InlineData("googlenet_noaux", false, false, 10)]
    public void Eval_logits_match_torchvision(string fixtureName, bool auxLogits, bool transformInput, int numClasses)
    {
        using var model = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions
        {
            AuxLogits = auxLogits, TransformInput = transformInput, NumClasses = numClasses, InitWeights = false,
        });
        OracleForward.AssertEvalLogitsMatch(model, fixtureName, output);
    }

    [Fact]
    public void Training_outputs_of_main_and_both_aux_heads_match_torchvision()
    {
        // Dropout 0 makes training mode deterministic; BatchNorm then normalises with batch statistics.
        ForwardFixture fixture = OracleFixtures.Forward("googlenet_train");
        using var model = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions
        {
            NumClasses = 10, InitWeights = false, Dropout = 0, DropoutAux = 0,
        });
        DeterministicFill.Fill(model, fixture.WeightGain);
        model.train();
        using var noGrad = torch.no_grad();
        using Tensor input = DeterministicFill.Input(fixture.InputShape);
        GoogLeNetOutputs outputs = model.ForwardTraining(input);
        Assert.NotNull(outputs.Aux1);
        Assert.NotNull(outputs.Aux2);
        foreach ((string name, Tensor actual) in new[] { ("logits", outputs.Logits), ("aux1", outputs.Aux1!), ("aux2", outputs.Aux2!) })
        {
            double diff = OracleFixtures.MaxAbsDiff(actual, fixture.Outputs[name]);
            output.WriteLine($"train {name}: max |ours - torchvision| = {diff:g3}");
            Assert.True(diff <= 1e-4, $"train {name}: max |ours - torchvision| = {diff:g3}");
            actual.Dispose();
        }
    }
}
