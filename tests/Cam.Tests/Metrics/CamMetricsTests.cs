using ModelZoo.Cam.Metrics;
using ModelZoo.Cam.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using static ModelZoo.Cam.Tests.Support.HandMath;

namespace ModelZoo.Cam.Tests.Metrics;

/// <summary>Average Drop, Increase in Confidence and the deletion curve on <see cref="HandNet"/>, computed by hand.</summary>
public sealed class CamMetricsTests
{
    private static CamResult Result(int c, params float[] map) =>
        new("hand", c, 0, 0, new CamMap(3, 3, map), new[] { "conv" }, Array.Empty<CamMap>());

    [Fact]
    public void Average_drop_and_increase_follow_their_definitions()
    {
        using var model = new HandNet(gap: false);
        using var scope = torch.NewDisposeScope();
        Tensor input = torch.cat(new[] { HandNet.InputTensor(), HandNet.InputTensor() });
        float[] map = { 1, 0, 0.5f, 0.2f, 1, 0.3f, 0, 0.9f, 0.4f };
        CamResult[] results = { Result(0, map), Result(1, map) };
        double[] y = { Softmax(Logits(HandNet.Input), 0), Softmax(Logits(HandNet.Input), 1) };
        double[] masked = HandNet.Input.Select((v, p) => v * map[p]).ToArray();
        double[] o = { Softmax(Logits(masked), 0), Softmax(Logits(masked), 1) };
        double drop = Enumerable.Range(0, 2).Average(i => 100 * Math.Max(0, y[i] - o[i]) / y[i]);
        double increase = 100.0 * Enumerable.Range(0, 2).Count(i => o[i] > y[i]) / 2;
        Assert.True(o[0] > y[0] != o[1] > y[1], "one class should gain and the other lose confidence");

        Assert.Equal(drop, CamMetrics.AverageDrop(model, input, results), 4);
        Assert.Equal(increase, CamMetrics.IncreaseInConfidence(model, input, results), 6);
        CamQuality quality = CamMetrics.Evaluate(model, input, results, deletionSteps: 9);
        Assert.Equal(drop, quality.AverageDrop, 4);
        Assert.Equal(50, quality.IncreaseInConfidence, 6);
        Assert.Equal(y[1], quality.Images[1].Confidence, 5);
        Assert.Equal(o[1], quality.Images[1].MaskedConfidence, 5);

        CamResult[] ones = { Result(0, Enumerable.Repeat(1f, 9).ToArray()) };
        Assert.Equal(0, CamMetrics.AverageDrop(model, HandNet.InputTensor(), ones), 6);
        Assert.Equal(0, CamMetrics.IncreaseInConfidence(model, HandNet.InputTensor(), ones));
    }

    [Fact]
    public void Deletion_removes_the_most_salient_pixels_first()
    {
        using var model = new HandNet(gap: false);
        using var scope = torch.NewDisposeScope();
        float[] map = { 0.1f, 0.9f, 0.5f, 0.3f, 1, 0.7f, 0, 0.8f, 0.2f };
        int[] order = Enumerable.Range(0, 9).OrderByDescending(p => map[p]).ToArray();
        var expected = new double[10];
        for (int s = 0; s <= 9; s++)
        {
            double[] x = (double[])HandNet.Input.Clone();
            foreach (int p in order.Take(s)) x[p] = 0;
            expected[s] = Softmax(Logits(x), 1);
        }
        DeletionCurve curve = CamMetrics.Deletion(model, HandNet.InputTensor().squeeze(0), new CamMap(3, 3, map), 1, steps: 9);
        Assert.Equal(Enumerable.Range(0, 10).Select(s => s / 9.0), curve.Fractions);
        for (int s = 0; s <= 9; s++) Assert.Equal(expected[s], curve.Scores[s], 5);
        double auc = Enumerable.Range(1, 9).Sum(s => (expected[s] + expected[s - 1]) / 2 / 9);
        Assert.Equal(auc, curve.Auc, 5);
        Assert.Throws<ArgumentException>(() => CamMetrics.Deletion(model, HandNet.InputTensor().squeeze(0), new CamMap(2, 2, new float[4]), 1));
    }
}
