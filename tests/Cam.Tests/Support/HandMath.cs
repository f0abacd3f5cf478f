namespace ModelZoo.Cam.Tests.Support;

/// <summary><see cref="HandNet"/>'s computation in plain doubles, written from the network's definition (not from
/// ModelZoo's CAM code).</summary>
internal static class HandMath
{
    public const int P = HandNet.Size * HandNet.Size, K = HandNet.K;

    /// <summary>A[k][p] = a_k x(p) + b_k.</summary>
    public static double[][] Activations(double[] x) =>
        Enumerable.Range(0, K).Select(k => x.Select(v => HandNet.ConvWeight[k] * v + HandNet.ConvBias[k]).ToArray()).ToArray();

    /// <summary>The flatten head's logits.</summary>
    public static double[] Logits(double[] x)
    {
        double[][] a = Activations(x);
        return Enumerable.Range(0, HandNet.Classes).Select(c =>
            HandNet.FcBias[c] + Enumerable.Range(0, K).Sum(k => Enumerable.Range(0, P).Sum(p => HandNet.FcWeight(c, k * P + p) * a[k][p]))).ToArray();
    }

    /// <summary>G[k][p] = ∂logit_c/∂A_k(p) = W[c, 9k + p] for the flatten head.</summary>
    public static double[][] Gradients(int c) =>
        Enumerable.Range(0, K).Select(k => Enumerable.Range(0, P).Select(p => HandNet.FcWeight(c, k * P + p)).ToArray()).ToArray();

    public static double Softmax(double[] logits, int c)
    {
        double max = logits.Max();
        return Math.Exp(logits[c] - max) / logits.Sum(l => Math.Exp(l - max));
    }

    /// <summary>Σ_k w_k A_k(p).</summary>
    public static double[] Weighted(double[] w, double[][] a) => Enumerable.Range(0, P).Select(p => Enumerable.Range(0, K).Sum(k => w[k] * a[k][p])).ToArray();

    public static double[] MinMax(double[] v)
    {
        double min = v.Min(), range = v.Max() - min;
        return v.Select(x => range > 0 ? (x - min) / range : 0).ToArray();
    }
}
