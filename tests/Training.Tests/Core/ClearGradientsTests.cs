using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Core;

/// <summary>The trainer clears gradients by dropping them (set to none) instead of TorchSharp's zero fill (issue 11):
/// the SGD steps are bit-for-bit the same, momentum included.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class ClearGradientsTests
{
    [Theory]
    [InlineData("lenet5", 32)]
    [InlineData("resnet18", 32)]
    public void Sgd_with_cleared_gradients_equals_sgd_with_zeroed_gradients_bit_for_bit(string name, int size)
    {
        using var scope = torch.NewDisposeScope();
        var options = new ModelOptions { InChannels = 1, NumClasses = 10, Seed = 8 };
        using ImageClassifier a = Zoo.Create(name, options), b = Zoo.Create(name, options);
        using optim.Optimizer zeroing = Optimizers.Create(a.parameters(), new TrainerOptions { LearningRate = 0.05, Momentum = 0.9, WeightDecay = 1e-4 });
        using optim.Optimizer clearing = Optimizers.Create(b.parameters(), new TrainerOptions { LearningRate = 0.05, Momentum = 0.9, WeightDecay = 1e-4 });
        torch.manual_seed(1);
        Tensor x = torch.randn(8, 1, size, size), y = torch.randint(0, 10, 8);
        for (int step = 0; step < 3; step++)
        {
            using var s = torch.NewDisposeScope();
            zeroing.zero_grad();
            nn.functional.cross_entropy(a.call(x), y).backward();
            zeroing.step();
            Optimizers.ClearGradients(clearing);
            Assert.All(b.parameters(), p => Assert.Null(p.grad));
            nn.functional.cross_entropy(b.call(x), y).backward();
            clearing.step();
        }
        foreach (((string key, Tensor p), (string _, Tensor q)) in a.state_dict().Zip(b.state_dict()))
            Assert.True(p.eq(q).all().item<bool>(), key);
    }
}
