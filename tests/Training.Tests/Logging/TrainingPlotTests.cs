using ModelZoo.Data.Imaging;
using ModelZoo.Training.Plots;

namespace ModelZoo.Training.Tests.Logging;

public sealed class TrainingPlotTests
{
    private static readonly EpochMetrics[] s_history = Enumerable.Range(1, 6).Select(e =>
        new EpochMetrics(e, 2.3 / e, 0.1 + 0.14 * e, 2.4 / e + 0.05, 0.08 + 0.13 * e, TimeSpan.FromSeconds(1), 100)).ToArray();

    [Fact]
    public void The_png_decodes_to_the_requested_size_with_both_curves_across_the_panels()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path = dir.File("plots/curves.png");
        TrainingPlot.Save(s_history, path, 800, 360);
        ImageBuffer image = ImageDecoder.Decode(path);
        Assert.Equal((800, 360), (image.Width, image.Height));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));

        (int Count, int MinX, int MaxX) train = Find(image, TrainingPlot.TrainColor), eval = Find(image, TrainingPlot.EvalColor);
        Assert.True(train.Count > 100, $"train colour pixels: {train.Count}");
        Assert.True(eval.Count > 100, $"eval colour pixels: {eval.Count}");
        // Curves run across both panels (epoch 1 near the left of the loss panel, epoch 6 near the right of the accuracy panel),
        // not just a legend swatch.
        Assert.True(train.MinX < 120 && train.MaxX > 700, $"train curve spans x {train.MinX}..{train.MaxX}");
        Assert.True(eval.MinX < 120 && eval.MaxX > 700, $"eval curve spans x {eval.MinX}..{eval.MaxX}");
        int dark = Enumerable.Range(0, image.Width * image.Height).Count(i => image.Pixels[3 * i] < 100 && image.Pixels[3 * i + 1] < 100);
        Assert.True(dark > 500, $"axes and labels should draw dark pixels ({dark})");
    }

    [Fact]
    public void Without_evaluation_metrics_only_the_train_curve_is_drawn_and_bad_sizes_are_rejected()
    {
        EpochMetrics[] trainOnly = s_history.Select(m => m with { EvalLoss = null, EvalAccuracy = null }).ToArray();
        ImageBuffer image = ImageDecoder.Decode(TrainingPlot.RenderPng(trainOnly, 640, 300));
        Assert.True(Find(image, TrainingPlot.TrainColor).Count > 100);
        Assert.Equal(0, Find(image, TrainingPlot.EvalColor).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingPlot.RenderPng(trainOnly, 10, 10));
        ImageDecoder.Decode(TrainingPlot.RenderPng(Array.Empty<EpochMetrics>(), 320, 200));   // an empty history still renders axes
    }

    private static (int Count, int MinX, int MaxX) Find(ImageBuffer image, (byte R, byte G, byte B) c)
    {
        int count = 0, min = int.MaxValue, max = -1;
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
        {
            if (image[y, x, 0] != c.R || image[y, x, 1] != c.G || image[y, x, 2] != c.B) continue;
            count++;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        return (count, min, max);
    }
}
