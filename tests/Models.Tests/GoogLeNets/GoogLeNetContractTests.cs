using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.GoogLeNets;

/// <summary>GoogLeNet's auxiliary-output contract (what a generic trainer relies on) and the ImageClassifier contract.</summary>
public sealed class GoogLeNetContractTests
{
    private static ModelZoo.Models.GoogLeNets.GoogLeNet Small(int classes = 5, bool aux = true, double auxWeight = 0.3) =>
        GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { NumClasses = classes, AuxLogits = aux, AuxLossWeight = auxWeight });

    [Fact]
    public void Training_forward_with_auxiliary_returns_three_logit_tensors_and_the_weighted_combined_loss()
    {
        using var model = Small(classes: 5, auxWeight: 0.3);
        model.train();
        Assert.True(model.HasActiveAuxiliaryHeads);
        using Tensor x = DeterministicFill.Input(4, 3, 32, 32);
        using Tensor target = torch.tensor(new long[] { 0, 1, 2, 4 });
        ModelOutput result = model.ForwardWithAuxiliary(x);
        Assert.Equal(new long[] { 4, 5 }, result.Logits.shape);
        Assert.Equal(new[] { "aux1", "aux2" }, result.Auxiliary.Select(a => a.Name));
        Assert.All(result.Auxiliary, a => Assert.Equal(new long[] { 4, 5 }, a.Logits.shape));
        Assert.All(result.Auxiliary, a => Assert.Equal(0.3, a.Weight));

        using Tensor combined = result.CombinedLoss((logits, y) => nn.functional.cross_entropy(logits, y), target);
        double main = nn.functional.cross_entropy(result.Logits, target).item<float>();
        double aux1 = nn.functional.cross_entropy(result.Auxiliary[0].Logits, target).item<float>();
        double aux2 = nn.functional.cross_entropy(result.Auxiliary[1].Logits, target).item<float>();
        Assert.Equal(main + 0.3 * (aux1 + aux2), combined.item<float>(), 5);
        Assert.NotEqual(main, combined.item<float>(), 5);

        combined.backward();   // the loss reaches every head
        Assert.All(new[] { "fc.weight", "aux1.fc2.weight", "aux2.fc2.weight", "conv1.conv.weight" },
            key => Assert.True(model.named_parameters().Single(p => p.name == key).parameter.grad is { } g && g.abs().sum().item<float>() > 0, key));
    }

    [Fact]
    public void Typed_training_forward_and_configurable_aux_weight()
    {
        using var model = Small(classes: 3, auxWeight: 0.5);
        model.train();
        using Tensor x = DeterministicFill.Input(2, 3, 32, 32);
        GoogLeNetOutputs typed = model.ForwardTraining(x);
        Assert.Equal(new long[] { 2, 3 }, typed.Logits.shape);
        Assert.Equal(new long[] { 2, 3 }, typed.Aux1!.shape);
        Assert.Equal(new long[] { 2, 3 }, typed.Aux2!.shape);
        Assert.All(model.ForwardWithAuxiliary(x).Auxiliary, a => Assert.Equal(0.5, a.Weight));
    }

    [Fact]
    public void Eval_mode_and_models_without_aux_heads_return_plain_logits()
    {
        using var model = Small(classes: 5);
        model.eval();
        Assert.False(model.HasActiveAuxiliaryHeads);
        using var noGrad = torch.no_grad();
        using Tensor x = DeterministicFill.Input(2, 3, 32, 32);
        ModelOutput result = model.ForwardWithAuxiliary(x);
        Assert.Empty(result.Auxiliary);
        using Tensor logits = model.call(x);
        Assert.True(logits.allclose(result.Logits));
        GoogLeNetOutputs typed = model.ForwardTraining(x);
        Assert.Null(typed.Aux1);
        Assert.Null(typed.Aux2);

        using var noAux = Small(classes: 5, aux: false);
        noAux.train();
        Assert.False(noAux.HasActiveAuxiliaryHeads);
        Assert.Empty(noAux.ForwardWithAuxiliary(x).Auxiliary);
        Assert.Equal(344, noAux.state_dict().Count);
    }

    [Fact]
    public void Bad_inputs_throw_naming_the_expected_shape_and_15x15_is_the_minimum()
    {
        using var model = Small();
        model.eval();
        Assert.Equal(15, model.MinInputSize);
        using Tensor gray = torch.zeros(1, 1, 64, 64);
        Assert.Contains("[N, 3, H, W]", Assert.Throws<ArgumentException>(() => model.call(gray)).Message);
        using Tensor small = torch.zeros(1, 3, 14, 14);
        var ex = Assert.Throws<ArgumentException>(() => model.call(small));
        Assert.Contains("[N, 3, H, W]", ex.Message);
        Assert.Contains(">= 15", ex.Message);
        Assert.Throws<ArgumentException>(() => model.ForwardWithAuxiliary(small));
        using var noGrad = torch.no_grad();
        using Tensor smallest = torch.zeros(1, 3, 15, 15);
        using Tensor logits = model.call(smallest);
        Assert.Equal(new long[] { 1, 5 }, logits.shape);
    }

    [Fact]
    public void Reset_classifier_resizes_fc_and_both_aux_heads()
    {
        using var model = Small(classes: 1000);
        model.ResetClassifier(7);
        Assert.Equal(7, model.NumClasses);
        Dictionary<string, Tensor> state = model.state_dict();
        Assert.Equal(new long[] { 7, 1024 }, state["fc.weight"].shape);
        Assert.Equal(new long[] { 7, 1024 }, state["aux1.fc2.weight"].shape);
        Assert.Equal(new long[] { 7, 1024 }, state["aux2.fc2.weight"].shape);
        Assert.Equal("fc.bias", state.Keys.Last());
        var aux1 = ModuleTree.NamedDescendants(model).Single(m => m.Name == "aux1").Module;
        Assert.Equal(new[] { "conv", "fc1", "fc2", "dropout" }, aux1.named_children().Select(c => c.name));   // torchvision's order kept
        model.train();
        using Tensor x = DeterministicFill.Input(2, 3, 32, 32);
        ModelOutput result = model.ForwardWithAuxiliary(x);
        Assert.Equal(new long[] { 2, 7 }, result.Logits.shape);
        Assert.All(result.Auxiliary, a => Assert.Equal(new long[] { 2, 7 }, a.Logits.shape));
    }

    [Fact]
    public void Options_in_channels_transform_input_and_registry()
    {
        using ImageClassifier gray = Zoo.Create("googlenet", new ModelOptions { InChannels = 1, NumClasses = 2 });
        Assert.Equal(new long[] { 64, 1, 7, 7 }, gray.state_dict()["conv1.conv.weight"].shape);
        Assert.Equal("conv1.conv", gray.StemName);
        Assert.Throws<ArgumentException>(() => new ModelZoo.Models.GoogLeNets.GoogLeNet(new GoogLeNetOptions { InChannels = 1, TransformInput = true }));
        Assert.Equal("GoogLeNet", Zoo.Get("googlenet").Family);
        Assert.Equal(new[] { 3, 224, 224 }, Zoo.Get("googlenet").DefaultInputShape);
        Assert.Equal(364, Zoo.Create("googlenet").state_dict().Count);
    }
}
