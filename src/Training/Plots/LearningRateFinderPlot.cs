using System.Globalization;
using ModelZoo.Core.IO;
using ModelZoo.Training.Tuning;
using SkiaSharp;

namespace ModelZoo.Training.Plots;

/// <summary>Renders a <see cref="LearningRateFinderResult"/> as a PNG: loss against learning rate on a log axis, the raw
/// loss light and the smoothed loss dark (fastai's plot), the suggested rate marked in red.</summary>
public static class LearningRateFinderPlot
{
    public static void Save(LearningRateFinderResult result, string path, int width = 800, int height = 480)
    {
        byte[] png = RenderPng(result, width, height);
        AtomicFile.WriteAllBytes(path, png);
    }

    public static byte[] RenderPng(LearningRateFinderResult result, int width = 800, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(result);
        TrainingPlot.CheckSize(width, height);
        return PlotStyle.RenderPng(width, height, (canvas, font, titleFont) =>
        {
            using var text = new SKPaint { Color = PlotStyle.Text, IsAntialias = true };
            using var grid = new SKPaint { Color = PlotStyle.Grid, StrokeWidth = 1 };
            var plot = new SKRect(70, 36, width - 20, height - 48);
            double[] rates = result.LearningRates.ToArray();
            double lo = rates.Length > 0 ? Math.Log10(rates.Min()) : -7, hi = rates.Length > 0 ? Math.Log10(rates.Max()) : 1;
            if (hi - lo < 1e-9) (lo, hi) = (lo - 0.5, hi + 0.5);
            double[] finite = result.SmoothedLosses.Where(double.IsFinite).ToArray();
            double cap = finite.Length > 0 ? Math.Min(finite.Max(), 4 * Math.Max(1e-9, finite.Min()) + finite.Min()) : 1;   // a diverged tail would flatten the rest
            AxisScale y = AxisScale.For(finite.Where(v => v <= cap).DefaultIfEmpty(0));
            float X(double rate) => plot.Left + (float)((Math.Log10(rate) - lo) / (hi - lo)) * plot.Width;
            float Y(double v) => plot.Bottom - (float)y.Fraction(Math.Min(v, y.Max)) * plot.Height;
            foreach (double t in y.Ticks())
            {
                canvas.DrawLine(plot.Left, Y(t), plot.Right, Y(t), grid);
                canvas.DrawText(y.Label(t), plot.Left - 7, Y(t) + 4, SKTextAlign.Right, font, text);
            }
            for (int e = (int)Math.Ceiling(lo); e <= Math.Floor(hi); e++)
            {
                float x = X(Math.Pow(10, e));
                canvas.DrawLine(x, plot.Top, x, plot.Bottom, grid);
                canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"1e{e}"), x, plot.Bottom + 17, SKTextAlign.Center, font, text);
            }
            using (var frame = new SKPaint { Color = PlotStyle.Axis, Style = SKPaintStyle.Stroke, StrokeWidth = 1 }) canvas.DrawRect(plot, frame);
            canvas.Save();
            canvas.ClipRect(plot);
            Curve(canvas, rates, result.Losses, new SKColor(31, 119, 180, 70), 1.5f, X, Y);
            Curve(canvas, rates, result.SmoothedLosses, new SKColor(31, 119, 180), 2.5f, X, Y);
            if (double.IsFinite(result.SuggestedLearningRate) && result.SuggestedLearningRate > 0)
            {
                int i = Array.IndexOf(rates, result.SuggestedLearningRate);
                using var red = new SKPaint { Color = new SKColor(214, 39, 40), IsAntialias = true };
                using var marker = new SKPaint { Color = new SKColor(214, 39, 40, 120), StrokeWidth = 1 };
                float sx = X(result.SuggestedLearningRate);
                canvas.DrawLine(sx, plot.Top, sx, plot.Bottom, marker);
                if (i >= 0 && double.IsFinite(result.SmoothedLosses[i])) canvas.DrawCircle(sx, Y(result.SmoothedLosses[i]), 5, red);
            }
            canvas.Restore();
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture,
                $"Learning-rate finder: suggested {result.SuggestedLearningRate:G3} (steepest descent){(result.Diverged ? ", stopped on divergence" : "")}"),
                plot.MidX, 22, SKTextAlign.Center, titleFont, text);
            canvas.DrawText("learning rate (log scale)", plot.MidX, height - 12, SKTextAlign.Center, font, text);
            canvas.Save();
            canvas.RotateDegrees(-90, 18, plot.MidY);
            canvas.DrawText("loss", 18, plot.MidY + 4, SKTextAlign.Center, font, text);
            canvas.Restore();
        });
    }

    private static void Curve(SKCanvas canvas, double[] rates, IReadOnlyList<double> values, SKColor color, float stroke,
        Func<double, float> x, Func<double, float> y)
    {
        using var paint = new SKPaint { Color = color, StrokeWidth = stroke, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var path = new SKPath();
        bool pen = false;
        for (int i = 0; i < Math.Min(rates.Length, values.Count); i++)
        {
            if (!double.IsFinite(values[i])) { pen = false; continue; }
            if (pen) path.LineTo(x(rates[i]), y(values[i])); else path.MoveTo(x(rates[i]), y(values[i]));
            pen = true;
        }
        canvas.DrawPath(path, paint);
    }
}
