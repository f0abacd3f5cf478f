using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.ResNets;
using ModelZoo.Models.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Transfer;

public sealed class FreezeTests
{
    internal static bool BitEqual(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype) return false;
        using Tensor same = a.eq(b).all();
        return same.item<bool>();
    }

    private static Dictionary<string, bool> Flags(nn.Module model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.requires_grad);

    [Fact]
    public void FreezeAndUnfreezeSetRequiresGradByModulePath()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 0);
        int frozen = TransferLearning.Freeze(model, "layer1", "layer2");
        Dictionary<string, bool> flags = Flags(model);
        Assert.Equal(flags.Keys.Count(k => k.StartsWith("layer1.") || k.StartsWith("layer2.")), frozen);
        Assert.All(flags, kv => Assert.Equal(!(kv.Key.StartsWith("layer1.") || kv.Key.StartsWith("layer2.")), kv.Value));

        TransferLearning.Unfreeze(model, "layer1");
        flags = Flags(model);
        Assert.All(flags, kv => Assert.Equal(!kv.Key.StartsWith("layer2."), kv.Value));

        TransferLearning.Freeze(model, "layer4.1.bn2", "fc.weight", "relu");   // a block's layer, a parameter, a parameter-free module
        flags = Flags(model);
        Assert.False(flags["layer4.1.bn2.weight"]);
        Assert.False(flags["layer4.1.bn2.bias"]);
        Assert.False(flags["fc.weight"]);
        Assert.True(flags["fc.bias"]);
        Assert.True(flags["layer4.1.conv2.weight"]);

        TransferLearning.Unfreeze(model);
        Assert.All(Flags(model), kv => Assert.True(kv.Value, kv.Key));
    }

    [Fact]
    public void UnknownPathNamesTheChildrenThatExist()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 0);
        var ex = Assert.Throws<KeyNotFoundException>(() => TransferLearning.Freeze(model, "layer5"));
        Assert.Contains("layer5", ex.Message);
        Assert.Contains("layer4", ex.Message);
        ex = Assert.Throws<KeyNotFoundException>(() => TransferLearning.Freeze(model, "layer1.7"));
        Assert.Contains("Children of 'layer1': 0, 1", ex.Message);
        Assert.All(Flags(model), kv => Assert.True(kv.Value));
    }

    [Fact]
    public void FreezeBackboneLeavesOnlyTheClassifierTrainable()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 0);
        TransferLearning.FreezeBackbone(model);
        Assert.Equal(new[] { "fc.bias", "fc.weight" }, Flags(model).Where(kv => kv.Value).Select(kv => kv.Key).Order());
        Assert.Equal(512 * 10 + 10, TransferLearning.CountTrainable(model));

        using GoogLeNet googlenet = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { NumClasses = 10, InitWeights = false });
        TransferLearning.FreezeBackbone(googlenet, "aux1", "aux2");
        Assert.All(Flags(googlenet), kv => Assert.Equal(kv.Key.StartsWith("fc.") || kv.Key.StartsWith("aux"), kv.Value));
    }

    [Fact]
    public void ReplaceClassifierGivesAFreshTrainableHeadIncludingGoogLeNetsAuxHeads()
    {
        using ResNet resnet = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 0);
        TransferLearning.FreezeBackbone(resnet);
        TransferLearning.Freeze(resnet, "fc");
        var head = (Linear)TransferLearning.ReplaceClassifier(resnet, 5);
        Assert.Equal((5L, 512L), (head.out_features, head.in_features));
        Assert.Equal(5, resnet.NumClasses);
        Assert.True(head.weight!.requires_grad);
        Assert.False(Flags(resnet)["layer1.0.conv1.weight"]);
        resnet.eval();
        using (var noGrad = torch.no_grad())
        using (Tensor y = resnet.call(torch.zeros(1, 3, 32, 32)))
            Assert.Equal(new long[] { 1, 5 }, y.shape);

        using GoogLeNet googlenet = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { NumClasses = 10, InitWeights = false });
        TransferLearning.ReplaceClassifier(googlenet, 7);
        Dictionary<string, Tensor> state = googlenet.state_dict();
        Assert.Equal(new long[] { 7, 1024 }, state["fc.weight"].shape);
        Assert.Equal(new long[] { 7, 1024 }, state["aux1.fc2.weight"].shape);
        Assert.Equal(new long[] { 7, 1024 }, state["aux2.fc2.weight"].shape);
    }

    [Fact]
    public void FrozenBackboneIsBitIdenticalAfterATrainingStepWhileTheHeadChanges()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 }, seed: 1);
        TransferLearning.ReplaceClassifier(model, 3);
        TransferLearning.FreezeBackbone(model);
        Assert.Equal(20, TransferLearning.FreezeBatchNormStatistics(model));
        Dictionary<string, Tensor> before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        torch.manual_seed(2);
        model.train();
        using (var optimizer = optim.SGD(TransferLearning.TrainableParameters(model), 0.1, momentum: 0.9))
        using (var scope = torch.NewDisposeScope())
        {
            Tensor x = torch.randn(4, 3, 32, 32), y = torch.tensor(new long[] { 0, 1, 2, 1 });
            optimizer.zero_grad();
            Tensor loss = nn.functional.cross_entropy(model.call(x), y);
            loss.backward();
            optimizer.step();
        }

        foreach ((string key, Tensor after) in model.state_dict())
        {
            if (key.EndsWith(".num_batches_tracked")) continue;   // a step counter, not a weight or a statistic
            bool same = BitEqual(before[key], after);
            if (key.StartsWith("fc.")) Assert.False(same, $"{key} did not change");
            else Assert.True(same, $"frozen {key} changed");
        }
        foreach (Tensor t in before.Values) t.Dispose();
    }
}
