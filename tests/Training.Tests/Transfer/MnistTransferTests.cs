using System.Diagnostics;
using ModelZoo.Data;
using ModelZoo.Data.Datasets.Composition;
using ModelZoo.Data.Datasets.Mnist;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Transfer;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Transfer;

/// <summary>
/// Transfer learning measured (issue 4's acceptance): LeNet-5 (28×28) pretrained on MNIST digits 0–4 (t10k items 0–7,999),
/// then a new 5-way head for digits 5–9 trained with the backbone frozen for 1 epoch on 500 images (digits 5–9 from items
/// 0–7,999), evaluated on digits 5–9 of items 8,000–9,999, against the same architecture trained from scratch with the
/// same budget (1 epoch, the same 500 images, SGD momentum 0.9, batch 32, every parameter trainable). Both are run at
/// learning rates 0.01, 0.03 and 0.1, so neither side wins by a learning rate that only suits it.
/// </summary>
public sealed class MnistTransferTests(ITestOutputHelper output)
{
    private static readonly int[] s_first = { 0, 1, 2, 3, 4 };
    private static readonly int[] s_second = { 5, 6, 7, 8, 9 };
    private static readonly double[] s_learningRates = { 0.01, 0.03, 0.1 };

    private static DataLoader Loader(IClassificationDataset data, bool shuffle) =>
        new(data, new Compose(new ToTensor(), Normalize.Mnist()), new DataLoaderOptions { BatchSize = 32, Shuffle = shuffle, Seed = 0 });

    private static LeNet5 NewLeNet(long seed) => LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28, NumClasses = 5 }, seed);

    private static TrainerOptions Sgd(int epochs, double lr) => new() { Epochs = epochs, LearningRate = lr, Momentum = 0.9, Device = "cpu", Seed = 0 };

    [Fact]
    public void FrozenPretrainedBackboneBeatsTrainingFromScratchByTenPoints()
    {
        var clock = Stopwatch.StartNew();
        MnistDataset mnist = MnistDataset.Load(RepoPaths.SharedData("mnist"), MnistSplit.Test);
        ClassificationSubset first8000 = ClassificationSubset.Range(mnist, 0, 8000), last2000 = ClassificationSubset.Range(mnist, 8000, 10000);
        ClassSubset pretrainData = ClassSubset.Of(first8000, s_first), pretrainEval = ClassSubset.Of(last2000, s_first);
        ClassSubset transferData = ClassSubset.Of(first8000, s_second, limit: 500), transferEval = ClassSubset.Of(last2000, s_second);
        Assert.Equal(500, transferData.Count);
        Assert.Equal(new[] { "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine" }, transferData.Classes);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(mnist.LabelAt(transferData.Indices[i]) - 5, transferData[i].Label));
        Assert.All(Enumerable.Range(0, transferEval.Count), i => Assert.InRange(mnist.LabelAt(8000 + transferEval.Indices[i]), 5, 9));

        // 1. Pretrain on digits 0–4.
        Dictionary<string, Tensor> backbone;
        double pretrainAccuracy;
        using (LeNet5 pretrained = NewLeNet(seed: 0))
        {
            pretrainAccuracy = new Trainer(Sgd(epochs: 3, lr: 0.01)).Fit(pretrained, Loader(pretrainData, true), Loader(pretrainEval, false)).Last.EvalAccuracy!.Value;
            backbone = pretrained.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        }

        // 2. New head for digits 5–9 on the frozen pretrained backbone vs 3. the whole model from scratch; same budget.
        var transfer = new Dictionary<double, double>();
        var scratch = new Dictionary<double, double>();
        long trainable = 0, total = 0;
        foreach (double lr in s_learningRates)
        {
            using (LeNet5 model = NewLeNet(seed: 0))
            {
                using (torch.no_grad())
                    foreach ((string key, Tensor value) in model.state_dict()) value.copy_(backbone[key]);
                torch.manual_seed(1);
                TransferLearning.ReplaceClassifier(model, 5);
                TransferLearning.FreezeBackbone(model);
                trainable = TransferLearning.CountTrainable(model);
                transfer[lr] = new Trainer(Sgd(1, lr)).Fit(model, Loader(transferData, true), Loader(transferEval, false)).Last.EvalAccuracy!.Value;
                Assert.True(FrozenUnchanged(model, backbone), "a frozen backbone weight changed");
            }
            using (LeNet5 model = NewLeNet(seed: 1))
            {
                total = model.parameters().Sum(p => p.numel());
                scratch[lr] = new Trainer(Sgd(1, lr)).Fit(model, Loader(transferData, true), Loader(transferEval, false)).Last.EvalAccuracy!.Value;
            }
        }
        foreach (Tensor t in backbone.Values) t.Dispose();

        output.WriteLine($"pretrain: digits 0-4, {pretrainData.Count} images, 3 epochs -> {pretrainAccuracy:P2} on {pretrainEval.Count} held-out images");
        output.WriteLine($"digits 5-9: 1 epoch on {transferData.Count} images, evaluated on {transferEval.Count}; transfer trains {trainable} of {total} parameters");
        foreach (double lr in s_learningRates)
            output.WriteLine($"  lr {lr,-5}: frozen-backbone transfer {transfer[lr]:P2}   from scratch {scratch[lr]:P2}   difference {(transfer[lr] - scratch[lr]) * 100:F1} points");
        output.WriteLine($"best vs best: {transfer.Values.Max():P2} vs {scratch.Values.Max():P2}; {clock.Elapsed.TotalSeconds:F1} s");

        Assert.InRange(pretrainAccuracy, 0.95, 1.0);
        Assert.Equal(84 * 5 + 5, trainable);
        Assert.True(transfer[0.01] - scratch[0.01] >= 0.10, $"at lr 0.01: transfer {transfer[0.01]:P2} vs scratch {scratch[0.01]:P2}");
        Assert.True(transfer.Values.Max() - scratch.Values.Max() >= 0.10, $"best: transfer {transfer.Values.Max():P2} vs scratch {scratch.Values.Max():P2}");
    }

    private static bool FrozenUnchanged(LeNet5 model, Dictionary<string, Tensor> backbone) =>
        model.state_dict().Where(kv => !kv.Key.StartsWith("fc3.", StringComparison.Ordinal))
            .All(kv => kv.Value.eq(backbone[kv.Key]).all().item<bool>());
}
