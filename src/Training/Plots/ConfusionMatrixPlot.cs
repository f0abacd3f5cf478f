using ModelZoo.Core.IO;
using ModelZoo.Data.Imaging;
using ModelZoo.Training.Metrics;
using SkiaSharp;

namespace ModelZoo.Training.Plots;

/// <summary>
/// Renders a confusion matrix as a PNG heatmap: rows are the true classes, columns the predicted ones, each cell shaded
/// by its share of the row (the recall of the diagonal; white 0 → dark blue 1) with its count written in it, class names
/// along both axes. Cells shrink with many classes (counts are left out below 18 pixels, names below 9).
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>PNG bytes and size of the heatmap of <paramref name="report"/>'s confusion matrix.</summary>
    public static (byte[] Png, int Width, int Height) Render(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        long[][] counts = report.Confusion;
        int n = counts.Length;
        if (n == 0) throw new ArgumentException("The confusion matrix is empty.", nameof(report));
        int cell = Math.Clamp(640 / n, 1, 48);   // 1,000 classes: a 1,000-pixel grid without labels
        using SKTypeface regular = SkiaFonts.Sans(SKFontStyle.Normal), bold = SkiaFonts.Sans(SKFontStyle.Bold);
        using var font = new SKFont(regular, Math.Clamp(cell * 0.38f, 7, 13));
        using var titleFont = new SKFont(bold, 14);
        float labelWidth = Math.Min(160, report.Classes.Max(c => font.MeasureText(c)) + 8);
        bool showLabels = cell >= 9;
        float left = 40 + (showLabels ? labelWidth : 0), top = 40, gridSize = cell * n;
        int width = (int)Math.Ceiling(left + gridSize + 20), height = (int)Math.Ceiling(top + gridSize + (showLabels ? labelWidth : 0) + 40);
        byte[] png = PlotStyle.RenderPng(width, height, canvas =>
        {
            using var text = new SKPaint { Color = PlotStyle.Text, IsAntialias = true };
            using var light = new SKPaint { Color = SKColors.White, IsAntialias = true };
            using var fill = new SKPaint { Style = SKPaintStyle.Fill };
            for (int r = 0; r < n; r++)
            {
                long rowTotal = counts[r].Sum();
                for (int c = 0; c < n; c++)
                {
                    double share = rowTotal == 0 ? 0 : (double)counts[r][c] / rowTotal;
                    fill.Color = Blue(share);
                    var rect = SKRect.Create(left + c * cell, top + r * cell, cell, cell);
                    canvas.DrawRect(rect, fill);
                    if (cell >= 18 && counts[r][c] > 0)
                        canvas.DrawText(counts[r][c].ToString(System.Globalization.CultureInfo.InvariantCulture), rect.MidX, rect.MidY + font.Size / 3,
                            SKTextAlign.Center, font, share > 0.5 ? light : text);
                }
            }
            using (var frame = new SKPaint { Color = PlotStyle.Axis, Style = SKPaintStyle.Stroke, StrokeWidth = 1 })
                canvas.DrawRect(SKRect.Create(left, top, gridSize, gridSize), frame);
            if (showLabels)
            {
                for (int i = 0; i < n; i++)
                {
                    string name = Fit(report.Classes[i], font, labelWidth - 8);
                    canvas.DrawText(name, left - 6, top + i * cell + cell / 2f + font.Size / 3, SKTextAlign.Right, font, text);
                    canvas.Save();
                    canvas.RotateDegrees(-90, left + i * cell + cell / 2f + font.Size / 3, top + gridSize + 6);
                    canvas.DrawText(name, left + i * cell + cell / 2f + font.Size / 3, top + gridSize + 6, SKTextAlign.Right, font, text);
                    canvas.Restore();
                }
            }
            canvas.DrawText(FormattableString.Invariant($"Confusion matrix ({report.Total} samples, accuracy {report.Accuracy:P1})"), left + gridSize / 2, 24, SKTextAlign.Center, titleFont, text);
            canvas.DrawText("predicted class", left + gridSize / 2, height - 12, SKTextAlign.Center, font, text);
            canvas.Save();
            canvas.RotateDegrees(-90, 16, top + gridSize / 2);
            canvas.DrawText("true class", 16, top + gridSize / 2, SKTextAlign.Center, font, text);
            canvas.Restore();
        });
        return (png, width, height);
    }

    /// <summary>Writes the heatmap PNG to <paramref name="path"/> (temp file + rename).</summary>
    public static void Save(ClassificationReport report, string path)
    {
        byte[] png = Render(report).Png;
        AtomicFile.WriteAllBytes(path, png);
    }

    /// <summary>White (0) to dark blue (1), like matplotlib's "Blues".</summary>
    internal static SKColor Blue(double share)
    {
        double t = Math.Clamp(share, 0, 1);
        byte Mix(byte from, byte to) => (byte)Math.Round(from + (to - from) * t);
        return new SKColor(Mix(247, 8), Mix(251, 48), Mix(255, 107));
    }

    private static string Fit(string label, SKFont font, float width)
    {
        if (font.MeasureText(label) <= width) return label;
        while (label.Length > 1 && font.MeasureText(label + "…") > width) label = label[..^1];
        return label + "…";
    }
}
