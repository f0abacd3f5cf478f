using ModelZoo.Cam.Methods;
using ModelZoo.Cam.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using static ModelZoo.Cam.Tests.Support.HandMath;

namespace ModelZoo.Cam.Tests.Methods;

/// <summary>Every method on <see cref="HandNet"/> against the paper's formula evaluated by hand in doubles.</summary>
public sealed class HandComputationTests
{
    private static readonly double[] X = HandNet.Input;

    public static IEnumerable<object[]> Classes() => new[] { new object[] { 0 }, new object[] { 1 } };

    [Theory, MemberData(nameof(Classes))]
    public void GradCam_weights_activations_by_mean_gradients(int c)
    {
        double[][] a = Activations(X), g = Gradients(c);
        AssertRaw(new GradCam(new HandNet(gap: false)), c, Weighted(g.Select(gk => gk.Average()).ToArray(), a));
    }

    [Theory, MemberData(nameof(Classes))]
    public void GradCamPlusPlus_uses_the_second_order_weights(int c)
    {
        double[][] a = Activations(X), g = Gradients(c);
        var w = new double[K];
        for (int k = 0; k < K; k++)
        {
            double sumA = a[k].Sum();
            for (int p = 0; p < P; p++)
            {
                double g1 = g[k][p], g2 = g1 * g1, g3 = g2 * g1;
                double alpha = g1 == 0 ? 0 : g2 / (2 * g2 + sumA * g3 + 1e-6);
                w[k] += Math.Max(g1, 0) * alpha;
            }
        }
        AssertRaw(new GradCamPlusPlus(new HandNet(gap: false)), c, Weighted(w, a));
    }

    [Theory, MemberData(nameof(Classes))]
    public void XGradCam_normalises_gradient_weights_by_the_activations(int c)
    {
        double[][] a = Activations(X), g = Gradients(c);
        double[] w = Enumerable.Range(0, K).Select(k => Enumerable.Range(0, P).Sum(p => g[k][p] * a[k][p]) / (a[k].Sum() + 1e-7)).ToArray();
        AssertRaw(new XGradCam(new HandNet(gap: false)), c, Weighted(w, a));
    }

    [Theory, MemberData(nameof(Classes))]
    public void HiResCam_is_the_elementwise_product_summed_over_channels(int c)
    {
        double[][] a = Activations(X), g = Gradients(c);
        AssertRaw(new HiResCam(new HandNet(gap: false)), c, Enumerable.Range(0, P).Select(p => Enumerable.Range(0, K).Sum(k => g[k][p] * a[k][p])).ToArray());
    }

    [Theory, MemberData(nameof(Classes))]
    public void LayerCam_keeps_only_positive_gradients(int c)
    {
        double[][] a = Activations(X), g = Gradients(c);
        AssertRaw(new LayerCam(new HandNet(gap: false)), c, Enumerable.Range(0, P).Select(p => Enumerable.Range(0, K).Sum(k => Math.Max(g[k][p], 0) * a[k][p])).ToArray());
    }

    [Theory, MemberData(nameof(Classes))]
    public void ScoreCam_weights_channels_by_the_class_probability_of_the_masked_input(int c)
    {
        double[][] a = Activations(X);
        double[] w = Enumerable.Range(0, K).Select(k =>
        {
            double[] mask = MinMax(a[k]);
            return Softmax(Logits(X.Select((v, p) => v * mask[p]).ToArray()), c);
        }).ToArray();
        Assert.True(Math.Abs(w[0] - w[1]) > 1e-3, "the two masks should score differently");
        AssertRaw(new ScoreCam(new HandNet(gap: false), new CamOptions { ScoreCamBatchSize = 1 }), c, Weighted(w, a));
    }

    [Fact]
    public void EigenCam_projects_on_the_first_principal_component()
    {
        double[][] a = Activations(X);
        double[][] centred = a.Select(ak => ak.Select(v => v - ak.Average()).ToArray()).ToArray();
        // Covariance [[s00, s01], [s01, s11]] of the centred [9, 2] matrix; its top eigenvector is the first right singular vector.
        double s00 = centred[0].Sum(v => v * v), s11 = centred[1].Sum(v => v * v), s01 = centred[0].Zip(centred[1], (u, v) => u * v).Sum();
        double lambda = (s00 + s11) / 2 + Math.Sqrt((s00 - s11) * (s00 - s11) / 4 + s01 * s01);
        double v0 = s01, v1 = lambda - s00, norm = Math.Sqrt(v0 * v0 + v1 * v1);
        double[] projection = Enumerable.Range(0, P).Select(p => (centred[0][p] * v0 + centred[1][p] * v1) / norm).ToArray();
        double firing = Enumerable.Range(0, P).Sum(p => projection[p] * (a[0][p] + a[1][p]));
        if (firing < 0) projection = projection.Select(v => -v).ToArray();
        AssertRaw(new EigenCam(new HandNet(gap: false)), 1, projection);
    }

    [Theory, MemberData(nameof(Classes))]
    public void Cam_weights_activations_by_the_classifier_row(int c)
    {
        double[][] a = Activations(X);
        AssertRaw(new ClassicCam(new HandNet(gap: true)), c, Weighted(Enumerable.Range(0, K).Select(k => HandNet.FcWeight(c, k)).ToArray(), a));
    }

    [Fact]
    public void The_default_target_is_the_top_logit()
    {
        double[] logits = Logits(X);
        int top = Array.IndexOf(logits, logits.Max());
        using var cam = new GradCam(new HandNet(gap: false));
        using var scope = torch.NewDisposeScope();
        CamResult result = cam.Compute(HandNet.InputTensor())[0];
        Assert.Equal(top, result.ClassIndex);
        Assert.Equal(logits[top], result.Score, 5);
        Assert.Equal(Softmax(logits, top), result.Probability, 5);
    }

    /// <summary>The raw map equals <paramref name="expected"/> and the output map is its min–max normalised ReLU (the map
    /// already has the input's size, so there is no resampling).</summary>
    private static void AssertRaw(CamBase method, int c, double[] expected)
    {
        using (method)
        {
            using var scope = torch.NewDisposeScope();
            CamResult result = method.Compute(HandNet.InputTensor(), c);
            Assert.Equal(c, result.ClassIndex);
            CamMap raw = Assert.Single(result.RawMaps);
            Assert.Equal((HandNet.Size, HandNet.Size), (raw.Width, raw.Height));
            double scale = Math.Max(1e-3, expected.Max(Math.Abs));
            for (int p = 0; p < P; p++)
                Assert.True(Math.Abs(raw.Values[p] - expected[p]) <= 1e-5 * scale, $"{method.Name} raw[{p}] = {raw.Values[p]} vs hand {expected[p]}");
            double[] map = MinMax(expected.Select(v => Math.Max(v, 0)).ToArray());
            for (int p = 0; p < P; p++)
                Assert.True(Math.Abs(result.Map.Values[p] - map[p]) <= 1e-5, $"{method.Name} map[{p}] = {result.Map.Values[p]} vs hand {map[p]}");
            Assert.True(expected.Max() - expected.Min() > 1e-3, "the hand map should not be flat");
        }
    }
}
