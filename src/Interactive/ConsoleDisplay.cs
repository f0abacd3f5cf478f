using System.Collections;
using System.Globalization;
using ModelZoo.Models.Summary;
using static TorchSharp.torch;

namespace ModelZoo.Interactive;

/// <summary>
/// What a notebook's <c>display(value)</c> does in a console or file-based app (<c>dotnet run samples/NN-name.cs</c>):
/// text goes to standard output, tables print aligned, and images are saved as PNG files in
/// <see cref="OutputDirectory"/>, printing the path.
/// </summary>
public static class ConsoleDisplay
{
    private static int figure;

    /// <summary>Where images are saved: <c>$MODELZOO_SAMPLE_OUTPUT</c>, else <c>sample-output/</c> in the working directory.</summary>
    public static string OutputDirectory { get; set; } =
        Environment.GetEnvironmentVariable("MODELZOO_SAMPLE_OUTPUT") is { Length: > 0 } dir ? dir : Path.Combine(Environment.CurrentDirectory, "sample-output");

    /// <summary>Writes <paramref name="value"/> to <paramref name="output"/> (default: the console).</summary>
    public static void Show(object? value, TextWriter? output = null)
    {
        output ??= Console.Out;
        output.WriteLine(Format(value));
    }

    /// <summary>The text <see cref="Show"/> prints; for an image, the image is saved first and the text names the file.</summary>
    public static string Format(object? value)
    {
        switch (value)
        {
            case null: return "null";
            case string s: return s;
            case PngImage image:
                string name = $"figure-{Interlocked.Increment(ref figure):D2}.png";
                string path = Path.Combine(OutputDirectory, name);
                image.Save(path);
                return $"[{image}] saved to {path}";
            case HtmlTable table: return table.ToText();
            case ModelSummaryResult summary: return summary.ToTable();
            case Tensor tensor: return NotebookFormatters.Describe(tensor);
            case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items: return HtmlTable.FromObjects(items).ToText();
            default: return value.ToString() ?? "";
        }
    }
}
