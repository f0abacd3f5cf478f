using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>RandomErasing areas, MixUp weights and CutMix label weights = pasted area ratio.</summary>
public sealed class BatchAndErasingTests
{
    [Fact]
    public void RandomErasingErasesABoxWithinTheScaleAndRatioRanges()
    {
        using var scope = torch.NewDisposeScope();
        const int c = 3, h = 40, w = 50;
        var t = new RandomErasing(p: 1.0, value: new[] { -1.0, -2.0, -3.0 });
        int erased = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            using var inner = torch.NewDisposeScope();
            Tensor img = torch.ones(c, h, w);
            RandomErasing.Params p = t.MakeParams(c, h, w, new Random(seed));
            Tensor output = t.Apply(img, new Random(seed));
            Assert.Equal(1f, img.min().item<float>()); // not in place
            if (!p.Erase) { Assert.Equal(1f, output.min().item<float>()); continue; }
            erased++;
            // h = round(√(A·r)), w = round(√(A/r)) with A ∈ [0.02, 0.33]·H·W and r ∈ [0.3, 3.3], up to ±0.5 rounding.
            double area = h * w;
            Assert.True((p.Height - 0.5) * (p.Width - 0.5) <= 0.33 * area && (p.Height + 0.5) * (p.Width + 0.5) >= 0.02 * area, $"box {p.Height}x{p.Width}");
            Assert.True((p.Height - 0.5) / (p.Width + 0.5) <= 3.3 && (p.Height + 0.5) / (p.Width - 0.5) >= 0.3, $"box {p.Height}x{p.Width}");
            Assert.True(p.Height < h && p.Width < w);
            for (int ch = 0; ch < c; ch++)
            {
                Tensor plane = output[ch];
                Assert.Equal(p.Height * p.Width, plane.eq(-(ch + 1)).sum().item<long>());
                Assert.Equal(p.Height * p.Width, plane.narrow(0, p.Top, p.Height).narrow(1, p.Left, p.Width).eq(-(ch + 1)).sum().item<long>());
            }
        }
        Assert.True(erased > 190, $"{erased} of 200 erased");

        // Random values are standard normal noise.
        var noisy = new RandomErasing(p: 1.0, scale: (0.3, 0.33), randomValue: true);
        RandomErasing.Params q = noisy.MakeParams(c, h, w, new Random(5));
        Assert.Equal(c * q.Height * q.Width, q.Values.Length);
        Assert.InRange(q.Values.Average(), -0.15, 0.15);
        Assert.InRange(Math.Sqrt(q.Values.Average(v => v * v)), 0.85, 1.15);
        Assert.Equal(0, new RandomErasing(p: 0).MakeParams(c, h, w, new Random(5)).Height);
    }

    [Fact]
    public void MixUpBlendsNeighboursAndTheirLabelsWithLambda()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.arange(4 * 2 * 3 * 3, ScalarType.Float32).reshape(4, 2, 3, 3);
        Tensor y = torch.tensor(new long[] { 0, 2, 1, 2 });
        var t = new MixUp(numClasses: 3, alpha: 0.4);
        for (int seed = 0; seed < 10; seed++)
        {
            double lambda = t.MakeParams(new Random(seed));
            Assert.InRange(lambda, 0, 1);
            (Tensor xm, Tensor ym) = t.Apply(x, y, new Random(seed));
            Tensor expected = x * lambda + x.roll(1, 0) * (1 - lambda);
            Assert.True(xm.allclose(expected, rtol: 1e-5, atol: 1e-4));
            float[] soft = ym.data<float>().ToArray();
            Assert.Equal(new long[] { 4, 3 }, ym.shape);
            // Row 0: own class 0 with λ, previous sample (row 3, class 2) with 1 − λ.
            Assert.Equal(lambda, soft[0 * 3 + 0], 5);
            Assert.Equal(1 - lambda, soft[0 * 3 + 2], 5);
            // Row 3 (class 2) after row 2 (class 1).
            Assert.Equal(lambda, soft[3 * 3 + 2], 5);
            Assert.Equal(1 - lambda, soft[3 * 3 + 1], 5);
            for (int r = 0; r < 4; r++) Assert.Equal(1.0, soft.Skip(r * 3).Take(3).Sum(), 5);
        }
    }

    [Fact]
    public void CutMixLabelWeightsEqualThePastedAreaRatio()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 4, h = 20, w = 30;
        Tensor x = (torch.arange(n, ScalarType.Float32) + 1).reshape(n, 1, 1, 1).expand(n, 3, h, w).contiguous();
        Tensor y = torch.tensor(new long[] { 0, 1, 2, 3 });
        var t = new CutMix(numClasses: 4);
        int mixed = 0;
        for (int seed = 0; seed < 50; seed++)
        {
            using var inner = torch.NewDisposeScope();
            CutMix.Params p = t.MakeParams(h, w, new Random(seed));
            (Tensor xm, Tensor ym) = t.Apply(x, y, new Random(seed));
            float[] soft = ym.data<float>().ToArray();
            for (int i = 0; i < n; i++)
            {
                int prev = (i + n - 1) % n;
                // Pixels that now hold the previous sample's value: exactly the pasted box.
                long pasted = xm[i].eq(prev + 1).sum().item<long>() / 3;
                Assert.Equal((long)(p.X2 - p.X1) * (p.Y2 - p.Y1), pasted);
                double pastedFraction = (double)pasted / (h * w);
                Assert.Equal(1 - pastedFraction, soft[i * n + i], 5);
                Assert.Equal(pastedFraction, soft[i * n + prev], 5);
                Assert.Equal(1 - pastedFraction, p.Lambda, 9);
            }
            if (p.X2 > p.X1 && p.Y2 > p.Y1) mixed++;
            Assert.True(p.X1 >= 0 && p.X2 <= w && p.Y1 >= 0 && p.Y2 <= h);
        }
        Assert.True(mixed > 40, $"{mixed} of 50 batches got a box");
    }

    [Fact]
    public void BetaSamplesHaveTheRightMean()
    {
        var random = new Random(11);
        double mean = Enumerable.Range(0, 20000).Select(_ => new MixUp(2, 1.0).MakeParams(random)).Average();
        Assert.InRange(mean, 0.49, 0.51);                           // Beta(1, 1) = uniform
        double[] small = Enumerable.Range(0, 20000).Select(_ => new MixUp(2, 0.2).MakeParams(random)).ToArray();
        Assert.InRange(small.Count(v => v < 0.1 || v > 0.9) / 20000.0, 0.6, 0.8); // Beta(0.2, 0.2) is U-shaped (≈ 0.70)
    }

    [Fact]
    public void BatchTransformsRejectBadInput()
    {
        using var scope = torch.NewDisposeScope();
        var mix = new MixUp(3);
        Assert.Throws<ArgumentException>(() => mix.Apply(torch.zeros(2, 3, 4), torch.tensor(new long[] { 0, 1 }), new Random(0)));
        var e = Assert.Throws<ArgumentException>(() => mix.Apply(torch.zeros(2, 3, 4, 4), torch.tensor(new long[] { 0, 3 }), new Random(0)));
        Assert.Contains("[0, 2]", e.Message);
        Assert.Throws<ArgumentException>(() => new CutMix(3).Apply(torch.zeros(2, 3, 4, 4), torch.tensor(new long[] { 0, 1, 2 }), new Random(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixUp(3, alpha: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CutMix(0));
        // Soft targets are accepted and mixed too.
        (_, Tensor soft) = mix.Apply(torch.zeros(2, 3, 4, 4), torch.eye(2, 3), 0.25);
        Assert.Equal(new[] { 0.25f, 0.75f, 0f, 0.75f, 0.25f, 0f }, soft.data<float>().ToArray());
        var choice = new RandomBatchChoice(new IBatchTransform[] { new MixUp(3), new CutMix(3) }, new[] { 1.0, 0.0 });
        Assert.All(Enumerable.Range(0, 20), s => Assert.Equal(0, choice.MakeParams(new Random(s))));
    }
}
