using ModelZoo.Core.IO;
using SkiaSharp;

namespace ModelZoo.Training.Plots;

/// <summary>
/// Renders training curves to a PNG: a loss panel and an accuracy panel side by side, train in blue and evaluation in
/// orange (when the history has evaluation metrics), with gridlines, tick labels, axis titles and a legend.
/// Non-finite values (a diverged loss) are left out of the curve.
/// </summary>
public static class TrainingPlot
{
    /// <summary>Colour of the training curves (RGB).</summary>
    public static (byte R, byte G, byte B) TrainColor => (31, 119, 180);

    /// <summary>Colour of the evaluation curves (RGB).</summary>
    public static (byte R, byte G, byte B) EvalColor => (255, 127, 14);

    /// <summary>Renders <paramref name="history"/> and writes the PNG to <paramref name="path"/> (temp file + rename).</summary>
    public static void Save(IReadOnlyList<EpochMetrics> history, string path, int width = 960, int height = 400)
    {
        byte[] png = RenderPng(history, width, height);
        AtomicFile.WriteAllBytes(path, png);
    }

    /// <summary>PNG bytes of the curves at <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public static byte[] RenderPng(IReadOnlyList<EpochMetrics> history, int width = 960, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(history);
        CheckSize(width, height);
        return PlotStyle.RenderPng(width, height, (canvas, font, titleFont) =>
        {
            float half = width / 2f;
            DrawPanel(canvas, font, titleFont, new SKRect(0, 0, half, height), "Loss", "loss", history,
                m => m.TrainLoss, m => m.EvalLoss);
            DrawPanel(canvas, font, titleFont, new SKRect(half, 0, width, height), "Accuracy", "accuracy", history,
                m => m.TrainAccuracy, m => m.EvalAccuracy);
        });
    }

    /// <summary>How many points along a curve (its vertices and segment samples) fall under <paramref name="box"/>.</summary>
    private static int Hidden(SKRect box, SKPoint[] points)
    {
        SKRect area = SKRect.Inflate(box, 6, 6);
        int hidden = 0;
        for (int i = 0; i < points.Length; i++)
        {
            SKPoint a = points[i], b = i + 1 < points.Length ? points[i + 1] : a;
            for (int k = 0; k < 20; k++)
                if (area.Contains(a.X + (b.X - a.X) * k / 20f, a.Y + (b.Y - a.Y) * k / 20f)) hidden++;
        }
        return hidden;
    }

    internal static void CheckSize(int width, int height)
    {
        if (width < 320 || height < 200 || width > 8192 || height > 8192)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: the plot must be 320x200 to 8192x8192 pixels.");
    }

    private static void DrawPanel(SKCanvas canvas, SKFont font, SKFont titleFont, SKRect panel, string title, string yTitle,
        IReadOnlyList<EpochMetrics> history, Func<EpochMetrics, double> train, Func<EpochMetrics, double?> eval)
    {
        var plot = new SKRect(panel.Left + 62, panel.Top + 34, panel.Right - 16, panel.Bottom - 46);
        bool hasEval = history.Any(m => eval(m) is { } v && double.IsFinite(v));
        AxisScale x = AxisScale.For(history.Select(m => (double)m.Epoch).DefaultIfEmpty(1), 8, integers: true);
        AxisScale y = AxisScale.For(history.Select(train).Concat(history.Select(m => eval(m) ?? double.NaN)));
        const float Margin = 10;   // keeps markers at the ends clear of the frame
        float X(double v) => plot.Left + Margin + (float)x.Fraction(v) * (plot.Width - 2 * Margin);
        float Y(double v) => plot.Bottom - Margin - (float)y.Fraction(v) * (plot.Height - 2 * Margin);

        using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1, IsAntialias = false };
        using var axis = new SKPaint { Color = new SKColor(60, 60, 60), StrokeWidth = 1, IsAntialias = false };
        using var text = new SKPaint { Color = new SKColor(40, 40, 40), IsAntialias = true };
        foreach (double t in y.Ticks())
        {
            canvas.DrawLine(plot.Left, Y(t), plot.Right, Y(t), grid);
            canvas.DrawLine(plot.Left - 4, Y(t), plot.Left, Y(t), axis);
            canvas.DrawText(y.Label(t), plot.Left - 7, Y(t) + 4, SKTextAlign.Right, font, text);
        }
        foreach (double t in x.Ticks())
        {
            canvas.DrawLine(X(t), plot.Top, X(t), plot.Bottom, grid);
            canvas.DrawLine(X(t), plot.Bottom, X(t), plot.Bottom + 4, axis);
            canvas.DrawText(x.Label(t), X(t), plot.Bottom + 17, SKTextAlign.Center, font, text);
        }
        using (var frame = new SKPaint { Color = axis.Color, Style = SKPaintStyle.Stroke, StrokeWidth = 1 }) canvas.DrawRect(plot, frame);
        canvas.DrawText(title, plot.MidX, panel.Top + 22, SKTextAlign.Center, titleFont, text);
        canvas.DrawText("epoch", plot.MidX, panel.Bottom - 12, SKTextAlign.Center, font, text);
        canvas.Save();
        canvas.RotateDegrees(-90, panel.Left + 16, plot.MidY);
        canvas.DrawText(yTitle, panel.Left + 16, plot.MidY + 4, SKTextAlign.Center, font, text);
        canvas.Restore();

        canvas.Save();
        canvas.ClipRect(plot);
        DrawCurve(canvas, history.Select(m => ((double)m.Epoch, train(m))), TrainColor, X, Y);
        if (hasEval) DrawCurve(canvas, history.Select(m => ((double)m.Epoch, eval(m) ?? double.NaN)), EvalColor, X, Y);
        canvas.Restore();
        if (history.Count == 0) return;
        SKPoint[] trainPoints = history.Select(m => new SKPoint(X(m.Epoch), Y(train(m)))).ToArray();
        SKPoint[] evalPoints = hasEval ? history.Select(m => new SKPoint(X(m.Epoch), Y(eval(m) ?? double.NaN))).ToArray() : Array.Empty<SKPoint>();
        DrawLegend(canvas, font, text, plot, hasEval, trainPoints, evalPoints);
    }

    private static void DrawCurve(SKCanvas canvas, IEnumerable<(double X, double Y)> points, (byte R, byte G, byte B) rgb,
        Func<double, float> x, Func<double, float> y)
    {
        var color = new SKColor(rgb.R, rgb.G, rgb.B);
        using var line = new SKPaint { Color = color, StrokeWidth = 2.5f, Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeJoin = SKStrokeJoin.Round };
        using var dot = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        using var path = new SKPath();
        bool pen = false;
        foreach ((double px, double py) in points)
        {
            if (!double.IsFinite(py)) { pen = false; continue; }
            if (pen) path.LineTo(x(px), y(py)); else path.MoveTo(x(px), y(py));
            pen = true;
            canvas.DrawCircle(x(px), y(py), 3.5f, dot);
        }
        canvas.DrawPath(path, line);
    }

    /// <summary>Draws the legend in the corner of the plot that hides the fewest curve points.</summary>
    private static void DrawLegend(SKCanvas canvas, SKFont font, SKPaint text, SKRect plot, bool hasEval, params SKPoint[][] curves)
    {
        var entries = hasEval ? new[] { ("train", TrainColor), ("eval", EvalColor) } : new[] { ("train", TrainColor) };
        float w = 74, h = 8 + 18 * entries.Length;
        SKRect best = new[]
        {
            SKRect.Create(plot.Right - w - 8, plot.Top + 8, w, h), SKRect.Create(plot.Right - w - 8, plot.Bottom - h - 8, w, h),
            SKRect.Create(plot.Left + 8, plot.Top + 8, w, h), SKRect.Create(plot.Left + 8, plot.Bottom - h - 8, w, h),
        }.OrderBy(r => curves.Sum(c => Hidden(r, c))).First();
        float left = best.Left, top = best.Top;
        using var box = new SKPaint { Color = new SKColor(255, 255, 255, 230), Style = SKPaintStyle.Fill };
        using var border = new SKPaint { Color = new SKColor(190, 190, 190), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(left, top, w, h, box);
        canvas.DrawRect(left, top, w, h, border);
        for (int i = 0; i < entries.Length; i++)
        {
            (string label, (byte R, byte G, byte B) c) = entries[i];
            float cy = top + 13 + 18 * i;
            using var swatch = new SKPaint { Color = new SKColor(c.R, c.G, c.B), StrokeWidth = 2.5f, IsAntialias = true };
            canvas.DrawLine(left + 8, cy, left + 30, cy, swatch);
            canvas.DrawText(label, left + 36, cy + 4, SKTextAlign.Left, font, text);
        }
    }
}
