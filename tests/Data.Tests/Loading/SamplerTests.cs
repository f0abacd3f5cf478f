using ModelZoo.Data.Loading;
using ModelZoo.Data.Loading.Samplers;

namespace ModelZoo.Data.Tests.Loading;

public class SamplerTests
{
    [Fact]
    public void RandomSampler_IsAPermutationPerEpoch_OrDrawsWithReplacement()
    {
        var sampler = new RandomSampler(50);
        Assert.Equal(Enumerable.Range(0, 50), sampler.Indices(0, 1).Order());
        Assert.NotEqual(sampler.Indices(0, 1), sampler.Indices(1, 1));

        int[] longer = new RandomSampler(10, numSamples: 25).Indices(0, 1);
        Assert.Equal(25, longer.Length);
        Assert.Equal(Enumerable.Range(0, 10), longer.Take(10).Order()); // whole permutations, then a partial one
        Assert.Equal(Enumerable.Range(0, 10), longer.Skip(10).Take(10).Order());

        int[] drawn = new RandomSampler(10, replacement: true, numSamples: 1000).Indices(0, 1);
        Assert.Equal(1000, drawn.Length);
        Assert.All(drawn, i => Assert.InRange(i, 0, 9));
        Assert.True(drawn.Distinct().Count() == 10 && drawn.GroupBy(i => i).Any(g => g.Count() > 1));
    }

    [Fact]
    public void WeightedRandomSampler_WithReplacement_DrawsInProportionToTheWeights()
    {
        double[] weights = { 1, 2, 0, 3, 4 };
        var sampler = new WeightedRandomSampler(weights, numSamples: 100_000);
        int[] counts = new int[weights.Length];
        foreach (int i in sampler.Indices(0, 123)) counts[i]++;
        Assert.Equal(0, counts[2]);
        for (int i = 0; i < weights.Length; i++)
            Assert.InRange(counts[i] / 100_000.0, weights[i] / 10 - 0.01, weights[i] / 10 + 0.01);
    }

    [Fact]
    public void WeightedRandomSampler_WithoutReplacement_NeverRepeats_AndFavoursHeavyIndices()
    {
        double[] weights = { 1, 1, 8, 0 };
        var sampler = new WeightedRandomSampler(weights, numSamples: 3, replacement: false);
        int firstIsHeavy = 0;
        for (int epoch = 0; epoch < 2000; epoch++)
        {
            int[] drawn = sampler.Indices(epoch, 5);
            Assert.Equal(3, drawn.Distinct().Count());
            Assert.DoesNotContain(3, drawn);
            if (drawn[0] == 2) firstIsHeavy++;
        }
        Assert.InRange(firstIsHeavy / 2000.0, 0.8 - 0.04, 0.8 + 0.04); // P(first = 2) = 8/10
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler(weights, numSamples: 4, replacement: false));
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler(new[] { 1.0, -1 }, 2));
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler(new[] { 0.0, 0 }, 2));
    }

    [Fact]
    public void WeightedSampler_InTheLoader_BalancesAnImbalancedDataset()
    {
        // 90 items of class 0, 10 of class 1; weight = 1 / class frequency gives about half of each.
        var dataset = new ScriptedDataset(100, classes: 1);
        int[] labels = Enumerable.Range(0, 100).Select(i => i < 90 ? 0 : 1).ToArray();
        double[] weights = labels.Select(l => l == 0 ? 1 / 90.0 : 1 / 10.0).ToArray();
        var loader = new DataLoader(dataset, null, new DataLoaderOptions
        {
            BatchSize = 50, Seed = 9, Workers = 2, Sampler = new WeightedRandomSampler(weights, numSamples: 4000),
        });
        Assert.Equal(80, loader.BatchCount);
        int minority = 0, total = 0;
        foreach (Batch batch in loader.GetBatches(0))
        {
            using (batch)
            {
                minority += batch.Indices.Count(i => labels[i] == 1);
                total += batch.Size;
            }
        }
        Assert.Equal(4000, total);
        Assert.InRange(minority / 4000.0, 0.46, 0.54);
    }

    [Fact]
    public void SubsetRandomSampler_ShufflesOnlyTheGivenIndices()
    {
        int[] subset = { 3, 9, 12, 40, 41 };
        var sampler = new SubsetRandomSampler(subset);
        Assert.Equal(subset, sampler.Indices(0, 0).Order());
        Assert.True(Enumerable.Range(0, 10).Select(e => string.Join(",", sampler.Indices(e, 0))).Distinct().Count() > 1);
        Assert.Equal(new[] { 0, 1, 2 }, new SequentialSampler(3).Indices(7, 99));
    }
}
