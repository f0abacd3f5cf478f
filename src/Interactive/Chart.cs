using ModelZoo.Data.Imaging;
using SkiaSharp;

namespace ModelZoo.Interactive;

/// <summary>Small PNG charts for notebooks: line charts (curves over epochs or steps) and bar charts (timings,
/// accuracies). Drawn with SkiaSharp; the colours follow matplotlib's default cycle.</summary>
public static class Chart
{
    private static readonly SKColor[] Palette =
    {
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189), new(140, 86, 75),
        new(227, 119, 194), new(127, 127, 127),
    };

    /// <summary>A line chart of <paramref name="series"/> with a title, axis titles and a legend.</summary>
    public static PngImage Lines(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, int width = 640, int height = 360)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("A line chart needs at least one series.", nameof(series));
        foreach (ChartSeries s in series)
            if (s.X is not null && s.X.Count != s.Y.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.Y.Count} values but {s.X.Count} x positions; expected as many of each.", nameof(series));
        var points = series.Select(s => s.Y.Select((y, i) => (X: s.X?[i] ?? i + 1, Y: y)).Where(p => double.IsFinite(p.Y) && double.IsFinite(p.X)).ToArray()).ToArray();
        var all = points.SelectMany(p => p).ToArray();
        if (all.Length == 0) throw new ArgumentException("A line chart needs at least one finite value.", nameof(series));
        var (x0, x1) = Pad(all.Min(p => p.X), all.Max(p => p.X), 0);
        var (y0, y1) = Pad(all.Min(p => p.Y), all.Max(p => p.Y), 0.05);
        return Draw(title, xLabel, yLabel, width, height, (x0, x1), (y0, y1), (canvas, map) =>
        {
            for (int s = 0; s < points.Length; s++)
            {
                using var paint = new SKPaint { Color = Palette[s % Palette.Length], StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
                using var path = new SKPath();
                for (int i = 0; i < points[s].Length; i++)
                {
                    SKPoint p = map(points[s][i].X, points[s][i].Y);
                    if (i == 0) path.MoveTo(p); else path.LineTo(p);
                    canvas.DrawCircle(p, 2.5f, paint);
                }
                canvas.DrawPath(path, paint);
            }
        }, series.Select(s => s.Name).ToArray());
    }

    /// <summary>A bar chart: one bar per (label, value), the value written above each bar.</summary>
    public static PngImage Bars(string title, string yLabel, IReadOnlyList<(string Label, double Value)> bars, int width = 640, int height = 360,
        string valueFormat = "G4")
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0 || bars.Any(b => !double.IsFinite(b.Value)))
            throw new ArgumentException("A bar chart needs at least one bar and finite values.", nameof(bars));
        var (y0, y1) = Pad(Math.Min(0, bars.Min(b => b.Value)), Math.Max(0, bars.Max(b => b.Value)), 0.12);
        return Draw(title, "", yLabel, width, height, (0, bars.Count), (y0, y1), (canvas, map) =>
        {
            using SKTypeface face = SkiaFonts.Sans(SKFontStyle.Normal);
            using var font = new SKFont(face, 11);
            using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (int i = 0; i < bars.Count; i++)
            {
                using var fill = new SKPaint { Color = Palette[i % Palette.Length], IsAntialias = true };
                SKPoint top = map(i + 0.15, bars[i].Value), bottom = map(i + 0.85, 0);
                canvas.DrawRect(SKRect.Create(top.X, Math.Min(top.Y, bottom.Y), bottom.X - top.X, Math.Abs(bottom.Y - top.Y)), fill);
                float cx = (top.X + bottom.X) / 2;
                canvas.DrawText(bars[i].Value.ToString(valueFormat, System.Globalization.CultureInfo.InvariantCulture), cx, Math.Min(top.Y, bottom.Y) - 4, SKTextAlign.Center, font, text);
                canvas.DrawText(bars[i].Label, cx, map(0, y0).Y + 16, SKTextAlign.Center, font, text);
            }
        }, legend: null, xTicks: false);
    }

    private static (double, double) Pad(double lo, double hi, double fraction)
    {
        if (!(hi > lo)) return (lo - 0.5, hi + 0.5);
        double pad = (hi - lo) * fraction;
        return (lo - pad, hi + pad);
    }

    private static PngImage Draw(string title, string xLabel, string yLabel, int width, int height, (double Lo, double Hi) xs, (double Lo, double Hi) ys,
        Action<SKCanvas, Func<double, double, SKPoint>> plot, string[]? legend, bool xTicks = true)
    {
        if (width < 160 || height < 120) throw new ArgumentOutOfRangeException(nameof(width), $"Chart size must be at least 160x120, got {width}x{height}.");
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using SKTypeface face = SkiaFonts.Sans(SKFontStyle.Normal), bold = SkiaFonts.Sans(SKFontStyle.Bold);
            using var font = new SKFont(face, 11);
            using var titleFont = new SKFont(bold, 14);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1 };
            var area = new SKRect(64, 32, width - 16, height - 44);
            SKPoint Map(double x, double y) => new(
                area.Left + (float)((x - xs.Lo) / (xs.Hi - xs.Lo)) * area.Width,
                area.Bottom - (float)((y - ys.Lo) / (ys.Hi - ys.Lo)) * area.Height);
            foreach (double t in Ticks(ys.Lo, ys.Hi))
            {
                float y = Map(xs.Lo, t).Y;
                canvas.DrawLine(area.Left, y, area.Right, y, grid);
                canvas.DrawText(t.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), area.Left - 6, y + 4, SKTextAlign.Right, font, ink);
            }
            if (xTicks)
                foreach (double t in Ticks(xs.Lo, xs.Hi))
                {
                    float x = Map(t, ys.Lo).X;
                    canvas.DrawLine(x, area.Top, x, area.Bottom, grid);
                    canvas.DrawText(t.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), x, area.Bottom + 14, SKTextAlign.Center, font, ink);
                }
            using (var border = new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Stroke })
                canvas.DrawRect(area, border);
            plot(canvas, Map);
            canvas.DrawText(title, width / 2f, 20, SKTextAlign.Center, titleFont, ink);
            canvas.DrawText(xLabel, area.MidX, height - 10, SKTextAlign.Center, font, ink);
            canvas.Save();
            canvas.RotateDegrees(-90, 14, area.MidY);
            canvas.DrawText(yLabel, 14, area.MidY + 4, SKTextAlign.Center, font, ink);
            canvas.Restore();
            for (int i = 0; legend is not null && i < legend.Length; i++)
            {
                using var swatch = new SKPaint { Color = Palette[i % Palette.Length] };
                float y = area.Top + 8 + i * 16;
                canvas.DrawRect(area.Right - 130, y, 14, 8, swatch);
                canvas.DrawText(legend[i], area.Right - 110, y + 8, SKTextAlign.Left, font, ink);
            }
        }
        return new PngImage(ImageEncoder.EncodePng(bitmap), width, height, title);
    }

    /// <summary>About five round tick values between <paramref name="lo"/> and <paramref name="hi"/>.</summary>
    internal static IEnumerable<double> Ticks(double lo, double hi)
    {
        double raw = (hi - lo) / 5, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (double t = Math.Ceiling(lo / step) * step; t <= hi + step * 1e-9; t += step)
            yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }
}
