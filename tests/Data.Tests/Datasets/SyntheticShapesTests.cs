using ModelZoo.Data.Datasets.Synthetic;

namespace ModelZoo.Data.Tests.Datasets;

public sealed class SyntheticShapesTests
{
    [Fact]
    public void Items_are_deterministic_per_seed_and_index()
    {
        var a = new SyntheticShapesDataset(50, seed: 3);
        var b = new SyntheticShapesDataset(50, seed: 3);
        var c = new SyntheticShapesDataset(50, seed: 4);
        Assert.Equal(a[17].Image.Pixels, b[17].Image.Pixels);
        Assert.Equal(a[17].Label, b[17].Label);
        Assert.NotEqual(a[17].Image.Pixels, c[17].Image.Pixels);
    }

    [Fact]
    public void All_ten_classes_appear_with_roughly_equal_frequency_and_images_have_ink()
    {
        var ds = new SyntheticShapesDataset(2000, seed: 0);
        int[] counts = new int[10];
        for (int i = 0; i < ds.Count; i++) counts[ds[i].Label]++;
        Assert.All(counts, n => Assert.InRange(n, 140, 260));
        ImageSample s = ds[5];
        Assert.Equal((28, 28, 1), (s.Image.Width, s.Image.Height, s.Image.Channels));
        Assert.True(s.Image.Pixels.Count(p => p > 128) > 20, "shape should cover some pixels");
    }

    [Fact]
    public void Mean_images_of_two_classes_differ()
    {
        var ds = new SyntheticShapesDataset(600, seed: 0);
        double[] Mean(int label)
        {
            var sum = new double[784];
            int n = 0;
            for (int i = 0; i < ds.Count; i++)
            {
                if (ds[i].Label != label) continue;
                byte[] p = ds[i].Image.Pixels;
                for (int j = 0; j < 784; j++) sum[j] += p[j];
                n++;
            }
            return sum.Select(v => v / n).ToArray();
        }
        double[] bar = Mean(7), disk = Mean(0);
        double diff = bar.Zip(disk, (x, y) => Math.Abs(x - y)).Average();
        Assert.True(diff > 10, $"average per-pixel difference between bar and disk means was {diff:F1}");
    }
}
