using ModelZoo.Data.Transforms.Batching;
using ModelZoo.Training.Metrics;
using ModelZoo.Training.Plots;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Metrics;

/// <summary>Top-k, confusion matrix, per-class precision/recall/F1 and soft-target accuracy against hand computations.</summary>
public sealed class ClassificationMetricsTests
{
    // Eight samples, seven classes; class 6 is neither a target nor ever predicted (its logit is -10).
    // Predictions (argmax): 0, 0, 0, 2, 3, 1, 1, 4. Targets: 0, 1, 5, 2, 2, 3, 1, 4.
    private static readonly float[][] s_logits =
    {
        new float[] { 5, 4, 3, 2, 1, 0, -10 },
        new float[] { 5, 4, 3, 2, 1, 0, -10 },
        new float[] { 5, 4, 3, 2, 1, 0, -10 },
        new float[] { 0, 1, 5, 2, 3, 4, -10 },
        new float[] { 0, 1, 2, 5, 3, 4, -10 },
        new float[] { 0, 5, 1, 2, 3, 4, -10 },
        new float[] { 0, 5, 1, 2, 3, 4, -10 },
        new float[] { 0, 1, 2, 3, 5, 4, -10 },
    };
    private static readonly long[] s_targets = { 0, 1, 5, 2, 2, 3, 1, 4 };

    private static (Tensor Logits, Tensor Targets) Batch(int start, int end) =>
        (torch.tensor(s_logits[start..end].SelectMany(r => r).ToArray(), new long[] { end - start, 7 }), torch.tensor(s_targets[start..end]));

    [Fact]
    public void Top1_top5_precision_recall_f1_and_the_confusion_matrix_equal_the_hand_computation()
    {
        var top1 = new TopKAccuracy(1);
        var top5 = new TopKAccuracy(5);
        var confusion = new ConfusionMatrix(classNames: new[] { "a", "b", "c", "d", "e", "f", "g" });
        foreach ((int s, int e) in new[] { (0, 5), (5, 8) })   // two batches: the sums must carry over
        {
            (Tensor logits, Tensor targets) = Batch(s, e);
            using (logits)
            using (targets)
                foreach (IMetric m in new IMetric[] { top1, top5, confusion }) m.Update(logits, targets);
        }
        Assert.Equal(4.0 / 8, top1.Compute()["top1_accuracy"]);   // samples 0, 3, 6, 7
        Assert.Equal(7.0 / 8, top5.Compute()["top5_accuracy"]);   // all but sample 2 (target 5 has the 2nd-lowest logit)

        long[][] expected =
        {
            new long[] { 1, 0, 0, 0, 0, 0, 0 },
            new long[] { 1, 1, 0, 0, 0, 0, 0 },
            new long[] { 0, 0, 1, 1, 0, 0, 0 },
            new long[] { 0, 1, 0, 0, 0, 0, 0 },
            new long[] { 0, 0, 0, 0, 1, 0, 0 },
            new long[] { 1, 0, 0, 0, 0, 0, 0 },
            new long[] { 0, 0, 0, 0, 0, 0, 0 },
        };
        Assert.Equal(expected, confusion.Counts());
        ClassificationReport report = confusion.Report();
        double[] precision = { 1.0 / 3, 0.5, 1, 0, 1, 0, 0 }, recall = { 1, 0.5, 0.5, 0, 1, 0, 0 }, f1 = { 0.5, 0.5, 2.0 / 3, 0, 1, 0, 0 };
        long[] support = { 1, 2, 2, 1, 1, 1, 0 };
        for (int c = 0; c < 7; c++)
        {
            Assert.Equal(precision[c], report.PerClass[c].Precision, 12);
            Assert.Equal(recall[c], report.PerClass[c].Recall, 12);
            Assert.Equal(f1[c], report.PerClass[c].F1, 12);
            Assert.Equal(support[c], report.PerClass[c].Support);
        }
        // Macro averages over the six classes that occur (scikit-learn's label set); class "g" is left out.
        Assert.Equal((1.0 / 3 + 0.5 + 1 + 0 + 1 + 0) / 6, report.MacroPrecision, 12);
        Assert.Equal(3.0 / 6, report.MacroRecall, 12);
        Assert.Equal((0.5 + 0.5 + 2.0 / 3 + 0 + 1 + 0) / 6, report.MacroF1, 12);
        Assert.Equal(0.5, report.Accuracy);
        Assert.Equal(8, report.Total);
        Assert.Equal("c", report.PerClass[2].Name);
        Assert.Equal(report.MacroF1, confusion.Compute()["macro_f1"]);

        confusion.Reset();
        Assert.Equal(new long[7][].Select(_ => new long[7]).ToArray(), confusion.Counts());
    }

    [Fact]
    public void The_evaluation_json_and_the_heatmap_carry_the_report()
    {
        ClassificationReport report = ClassificationReport.FromCounts(new[] { new long[] { 8, 2 }, new long[] { 1, 9 } }, new[] { "cat", "dog" });
        var result = new EvaluationResult(0.25, 17, 20) { Metrics = new Dictionary<string, double> { ["top5_accuracy"] = 1.0 }, Report = report };
        System.Text.Json.Nodes.JsonObject json = result.ToJson();
        Assert.Equal(0.85, json["accuracy"]!.GetValue<double>(), 12);
        Assert.Equal(1.0, json["top5_accuracy"]!.GetValue<double>());
        Assert.Equal(0.8, json["per_class"]![0]!["recall"]!.GetValue<double>(), 12);
        Assert.Equal(9.0 / 11, json["per_class"]![1]!["precision"]!.GetValue<double>(), 12);
        Assert.Equal(2, json["confusion_matrix"]![0]![1]!.GetValue<long>());
        Assert.Equal("dog", json["classes"]![1]!.GetValue<string>());

        (byte[] png, int width, int height) = ConfusionMatrixPlot.Render(report);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        // 2 classes → 48-pixel cells. The top-left cell (8 of 10: share 0.8) is darker than the one beside it (0.2).
        SKColor strong = CellColor(bitmap, report, 0, 0), weak = CellColor(bitmap, report, 0, 1);
        Assert.Equal(ConfusionMatrixPlot.Blue(0.8), strong);
        Assert.Equal(ConfusionMatrixPlot.Blue(0.2), weak);
    }

    private static SKColor CellColor(SKBitmap bitmap, ClassificationReport report, int row, int column)
    {
        // Scan for the cell: the grid starts after the label margin; sample a pixel near the cell's corner (away from the count text).
        for (int x = 0; x < bitmap.Width; x++)
            if (bitmap.GetPixel(x, 60) == ConfusionMatrixPlot.Blue(0.8)) return bitmap.GetPixel(x + 2 + column * 48, 40 + 3 + row * 48);
        throw new Xunit.Sdk.XunitException("no heatmap cell found");
    }

    [Fact]
    public void Training_accuracy_from_soft_targets_is_the_target_weight_on_the_predicted_class()
    {
        // Predictions: 2, 0, 1. Targets 2, 1, 1 mixed by MixUp with its predecessor (roll by one) at λ = 0.7:
        // sample 0: 0.7·e2 + 0.3·e1, sample 1: 0.7·e1 + 0.3·e2, sample 2: 0.7·e1 + 0.3·e1.
        using Tensor logits = torch.tensor(new float[] { 0, 1, 3, 4, 1, 0, 0, 2, 1 }, new long[] { 3, 3 });
        using Tensor inputs = torch.zeros(3, 1, 2, 2);
        using Tensor targets = torch.tensor(new long[] { 2, 1, 1 });
        (Tensor mixedInputs, Tensor soft) = new MixUp(3).Apply(inputs, targets, 0.7);
        using (mixedInputs)
        using (soft)
        {
            using Tensor correct = SoftTargets.Correct(logits, soft);
            Assert.Equal(0.7 + 0 + 1.0, correct.item<double>(), 6);   // pred 2 → 0.7; pred 0 → 0; pred 1 → 0.7 + 0.3
            using Tensor hard = SoftTargets.Correct(logits, targets);
            Assert.Equal(2.0, hard.item<double>());   // samples 0 and 2 are right against the hard labels
            using Tensor oneHot = nn.functional.one_hot(targets, 3).to_type(ScalarType.Float32);
            using Tensor sameAsHard = SoftTargets.Correct(logits, oneHot);
            Assert.Equal(hard.item<double>(), sameAsHard.item<double>());
        }
    }
}
