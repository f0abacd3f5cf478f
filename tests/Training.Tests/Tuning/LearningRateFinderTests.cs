using ModelZoo.Models;
using ModelZoo.Training.Tests.Support;
using ModelZoo.Training.Tuning;
using SkiaSharp;
using Xunit.Abstractions;

namespace ModelZoo.Training.Tests.Tuning;

/// <summary>The LR range test on LeNet-5 / MNIST: a geometric sweep, a suggestion in it, weights restored exactly.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class LearningRateFinderTests(ITestOutputHelper output)
{
    [Fact]
    public void The_sweep_suggests_a_rate_and_leaves_the_model_bit_for_bit_as_it_was()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1, InputSize = 32 });
        model.eval();
        var before = TinyData.Snapshot(model);
        LearningRateFinderResult result = LearningRateFinder.Find(model, TinyData.Mnist(0, 2048, batchSize: 32),
            new TrainerOptions { Device = "cpu", Optimizer = OptimizerKind.Adam });

        Assert.Equal(0.0, TinyData.MaxAbsDifference(model.state_dict(), before));
        Assert.False(model.training);   // the mode is restored too
        int n = result.LearningRates.Count;
        Assert.Equal(1e-7, result.LearningRates[0], 15);
        Assert.True(n <= 100 && n >= 20, $"{n} steps");
        for (int i = 1; i < n; i++) Assert.Equal(Math.Pow(1e8, 1.0 / 99), result.LearningRates[i] / result.LearningRates[i - 1], 9);
        Assert.True(result.Diverged || n == 100);
        Assert.InRange(result.SuggestedLearningRate, 1e-5, 1);
        Assert.True(result.SuggestedLearningRate < result.LearningRates[^1]);
        output.WriteLine($"{n} steps, diverged {result.Diverged}, suggestion {result.SuggestedLearningRate:G3}, minimum at {result.MinimumLearningRate:G3}");

        string plot = dir.File("lr.png");
        result.SavePlot(plot);
        using SKBitmap png = SKBitmap.Decode(plot);
        Assert.Equal((800, 480), (png.Width, png.Height));
    }

    [Fact]
    public void Steepest_descent_is_where_the_smoothed_loss_falls_fastest_per_decade()
    {
        double[] rates = Enumerable.Range(0, 40).Select(i => 1e-4 * Math.Pow(10, i / 10.0)).ToArray();
        // Falls slowly, then by 0.1 per step, by 0.5 between steps 22 and 23 (the steepest), bottoms out at 25, then rises.
        double[] loss = rates.Select((r, i) => i <= 20 ? 2.0 - 0.01 * i : i <= 22 ? 1.8 - 0.1 * (i - 20) : i <= 25 ? 1.1 - 0.1 * (i - 23) : 0.9 + 0.3 * (i - 25)).ToArray();
        (double steepest, double minimum) = LearningRateFinderResult.Suggest(rates, loss);
        Assert.Equal(rates[22], steepest);
        Assert.Equal(rates[25], minimum);
    }
}
