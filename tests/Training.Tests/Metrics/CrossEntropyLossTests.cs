using ModelZoo.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Metrics;

/// <summary>The training loss with class indices, soft targets and label smoothing against the formulas.</summary>
public sealed class CrossEntropyLossTests
{
    private static readonly float[] s_logits = { 2, 1, 0, -1, 0.5f, 0.5f, 3, -2, 1, 1, 1, 1 };

    [Fact]
    public void One_hot_soft_targets_give_the_class_index_loss_and_mixed_targets_the_mixed_loss()
    {
        using Tensor logits = torch.tensor(s_logits, new long[] { 3, 4 });
        using Tensor labels = torch.tensor(new long[] { 0, 2, 3 });
        using Tensor oneHot = nn.functional.one_hot(labels, 4).to_type(ScalarType.Float32);
        var loss = new CrossEntropyLoss();
        using Tensor hard = loss.Compute(logits, labels), soft = loss.Compute(logits, oneHot);
        Assert.Equal(hard.item<float>(), soft.item<float>(), 5);
        Assert.Equal(Manual(s_logits, 4, new[] { new double[] { 1, 0, 0, 0 }, new double[] { 0, 0, 1, 0 }, new double[] { 0, 0, 0, 1 } }), hard.item<float>(), 5);

        // λ·CE(a) + (1 − λ)·CE(b) per sample, as MixUp's loss is usually written.
        double lambda = 0.3;
        using Tensor otherLabels = torch.tensor(new long[] { 1, 1, 0 });
        using Tensor mixed = oneHot * lambda + nn.functional.one_hot(otherLabels, 4).to_type(ScalarType.Float32) * (1 - lambda);
        using Tensor mixedLoss = loss.Compute(logits, mixed);
        using Tensor a = nn.functional.cross_entropy(logits, labels), b = nn.functional.cross_entropy(logits, otherLabels);
        Assert.Equal(lambda * a.item<float>() + (1 - lambda) * b.item<float>(), mixedLoss.item<float>(), 5);
    }

    [Fact]
    public void Label_smoothing_mixes_the_target_with_the_uniform_distribution_for_both_target_kinds()
    {
        using Tensor logits = torch.tensor(s_logits, new long[] { 3, 4 });
        using Tensor labels = torch.tensor(new long[] { 1, 2, 0 });
        var smoothed = new CrossEntropyLoss(0.1);
        double expected = Manual(s_logits, 4, new[]
        {
            new[] { 0.025, 0.925, 0.025, 0.025 }, new[] { 0.025, 0.025, 0.925, 0.025 }, new[] { 0.925, 0.025, 0.025, 0.025 },
        });
        using Tensor hard = smoothed.Compute(logits, labels);
        using Tensor soft = smoothed.Compute(logits, nn.functional.one_hot(labels, 4).to_type(ScalarType.Float32));
        Assert.Equal(expected, hard.item<float>(), 5);
        Assert.Equal(expected, soft.item<float>(), 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(1.0));
        Assert.Throws<ArgumentException>(() => smoothed.Compute(logits, torch.ones(3, 5)));
    }

    /// <summary>−mean_i Σ_c t[i,c]·log softmax(x[i])[c], in double precision.</summary>
    private static double Manual(float[] logits, int classes, double[][] targets)
    {
        double total = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double[] row = logits.Skip(i * classes).Take(classes).Select(v => (double)v).ToArray();
            double max = row.Max(), logSum = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            total -= Enumerable.Range(0, classes).Sum(c => targets[i][c] * (row[c] - logSum));
        }
        return total / targets.Length;
    }
}
