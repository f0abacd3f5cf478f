using ModelZoo.Models.LeNets;
using ModelZoo.Models.ResNets;
using ModelZoo.Models.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Transfer;

public sealed class ParameterGroupTests
{
    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    public void EachGroupGetsItsOwnLearningRate(OptimizerKind kind)
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 3 }, seed: 0);
        TransferLearning.Freeze(model, "conv1", "bn1", "layer1");
        IReadOnlyList<ParameterGroup> groups = TransferLearning.HeadAndBackboneGroups(model, backboneLr: 1e-4, headLr: 1e-2);
        Assert.Equal(new[] { "backbone", "head" }, groups.Select(g => g.Name));
        Assert.Equal(2, groups[1].Parameters.Count);   // fc.weight, fc.bias
        Assert.DoesNotContain(groups[0].Parameters, p => !p.requires_grad);
        Assert.Equal(TransferLearning.CountTrainable(model), groups.Sum(g => g.Parameters.Sum(p => p.numel())));

        using optim.Optimizer optimizer = Optimizers.Create(groups, new TrainerOptions { Optimizer = kind, LearningRate = 0.5 });
        ParamGroup[] built = optimizer.ParamGroups.Cast<ParamGroup>().ToArray();
        Assert.Equal(2, built.Length);
        Assert.Equal(1e-4, built[0].LearningRate);
        Assert.Equal(1e-2, built[1].LearningRate);
        Assert.Equal(groups[0].Parameters.Count, built[0].Parameters.Count());
    }

    [Fact]
    public void TrainerStepsEachGroupWithItsRate()
    {
        // Plain SGD (no momentum): one step moves each parameter by exactly -lr * grad, so the per-group rate is visible.
        using LeNet5 model = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28, NumClasses = 3 }, seed: 0);
        IReadOnlyList<ParameterGroup> groups = TransferLearning.ParameterGroups(model, new[] { ("fc3", 0.1), ("conv1", 0.0) }, restLearningRate: 0.01);
        Assert.Equal(new[] { "conv1", "rest", "fc3" }, groups.Select(g => g.Name));
        using optim.Optimizer optimizer = Optimizers.Create(groups, new TrainerOptions { Momentum = 0, LearningRate = 1 });
        Dictionary<string, Tensor> before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        using (var scope = torch.NewDisposeScope())
        {
            torch.manual_seed(3);
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(torch.randn(4, 1, 28, 28)), torch.tensor(new long[] { 0, 1, 2, 0 })).backward();
            optimizer.step();
        }
        foreach ((string name, Parameter p) in model.named_parameters())
        {
            double lr = name.StartsWith("fc3.") ? 0.1 : name.StartsWith("conv1.") ? 0.0 : 0.01;
            using Tensor expected = before[name] - lr * p.grad!;
            Assert.True(expected.allclose(p, rtol: 1e-5, atol: 1e-7), $"{name} did not move with lr {lr}");
        }
        foreach (Tensor t in before.Values) t.Dispose();
    }

    [Fact]
    public void FrozenOrOverlappingGroupsAreRejected()
    {
        using LeNet5 model = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28 }, seed: 0);
        TransferLearning.Freeze(model, "conv1", "conv2", "fc1", "fc2", "fc3");
        Assert.Throws<InvalidOperationException>(() => Optimizers.Create(
            new[] { new ParameterGroup("all", model.parameters().ToArray(), 0.1) }, new TrainerOptions()));
        TransferLearning.Unfreeze(model);
        Parameter[] all = model.parameters().ToArray();
        Assert.Throws<ArgumentException>(() => Optimizers.Create(
            new[] { new ParameterGroup("a", all, 0.1), new ParameterGroup("b", all[..2], 0.1) }, new TrainerOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransferLearning.HeadAndBackboneGroups(model, -1, 0.1));
    }
}
