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
        Assert.InRange(result.SuggestedLearningRate, 1e-4, 3e-2);   // where Adam trains LeNet-5 (1e-3 to 1e-2 on the full split)
        Assert.True(result.SuggestedLearningRate < result.LearningRates[^1]);
        output.WriteLine($"{n} steps, diverged {result.Diverged}, suggestion {result.SuggestedLearningRate:G3}, minimum at {result.MinimumLearningRate:G3}");

        string plot = dir.File("lr.png");
        result.SavePlot(plot);
        using SKBitmap png = SKBitmap.Decode(plot);
        Assert.Equal((800, 480), (png.Width, png.Height));
    }

    [Fact]
    public void The_zero_phase_curve_keeps_a_drop_in_place_while_the_running_average_moves_it_right()
    {
        // A noise-free drop from 2.3 to 0.3 centred at step 50 of 100, about 40 steps wide.
        double[] loss = Enumerable.Range(0, 100).Select(i => 0.3 + 2.0 / (1 + Math.Exp((i - 50) / 10.0))).ToArray();
        double[] rates = Enumerable.Range(0, 100).Select(i => 1e-7 * Math.Pow(1e8, i / 99.0)).ToArray();
        (double zeroPhase, _) = LearningRateFinderResult.Suggest(rates, LearningRateFinderResult.ZeroPhase(loss, 0.9));
        double average = 0;
        double[] running = loss.Select((v, i) => (average = 0.98 * average + 0.02 * v) / (1 - Math.Pow(0.98, i + 1))).ToArray();
        (double lagged, _) = LearningRateFinderResult.Suggest(rates, running);
        int at = Array.IndexOf(rates, zeroPhase), late = Array.IndexOf(rates, lagged);
        Assert.InRange(at, 48, 51);
        Assert.True(late >= at + 10, $"the running average's steepest point (step {late}) trails the drop (step {at})");   // 63 vs 50
        double[] diverged = LearningRateFinderResult.ZeroPhase(new[] { 1.0, 0.9, double.NaN }, 0.9);
        Assert.True(double.IsFinite(diverged[0]) && double.IsFinite(diverged[1]) && double.IsNaN(diverged[2]));
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
