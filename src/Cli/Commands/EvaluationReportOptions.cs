using System.Text;
using System.Text.Json.Nodes;
using ModelZoo.Training.Metrics;
using ModelZoo.Training.Plots;

namespace ModelZoo.Cli.Commands;

/// <summary>
/// What `modelzoo evaluate` reports beyond accuracy and loss: top-5 accuracy, macro precision/recall/F1, per-class
/// metrics and the confusion matrix — printed, added to --json, and written with <c>--report FILE.json</c> and
/// <c>--confusion-plot FILE.png</c>.
/// </summary>
internal sealed class EvaluationReportOptions
{
    private readonly Option<string?> _report = new("--report") { Description = "Write the full report (metrics, per-class precision/recall/F1, confusion matrix) as JSON to this file." };
    private readonly Option<string?> _plot = new("--confusion-plot") { Description = "Write the confusion-matrix heatmap (PNG) to this file." };

    public void AddTo(Command command)
    {
        command.Options.Add(_report);
        command.Options.Add(_plot);
    }

    /// <summary>Writes the files asked for.</summary>
    public void Write(ParseResult parse, EvaluationResult result)
    {
        if (parse.GetValue(_report) is { } path)
        {
            string text = result.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            string full = Path.GetFullPath(path), temp = full + ".tmp";
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        if (parse.GetValue(_plot) is { } plot && result.Report is { } report) ConfusionMatrixPlot.Save(report, plot);
    }

    /// <summary>The --json fields: top-5 accuracy, macro averages, per-class metrics, classes and confusion matrix.</summary>
    public static IEnumerable<KeyValuePair<string, object>> JsonFields(EvaluationResult result)
    {
        foreach ((string name, double value) in result.Metrics) yield return KeyValuePair.Create(name, (object)Math.Round(value, 6));
        if (result.Report is not { } report) yield break;
        JsonObject json = report.ToJson();
        foreach (string key in new[] { "per_class", "classes", "confusion_matrix" }) yield return KeyValuePair.Create(key, (object)json[key]!.DeepClone());
    }

    /// <summary>Text lines after the accuracy line: top-5 and macro averages, then (up to 20 classes) a per-class table and the matrix.</summary>
    public static string Text(EvaluationResult result)
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        if (result.Metrics.TryGetValue("top5_accuracy", out double top5)) text.Append(c, $", top-5 {top5:P2}");
        if (result.Report is not { } report) return text.ToString();
        text.Append(c, $"{Environment.NewLine}macro precision {report.MacroPrecision:F4}, recall {report.MacroRecall:F4}, F1 {report.MacroF1:F4}");
        if (report.Classes.Count > 20) return text.ToString();
        int width = Math.Max(5, report.Classes.Max(n => n.Length));
        text.Append(Environment.NewLine).Append("class".PadRight(width)).Append("  precision  recall  f1      support");
        foreach (ClassMetrics m in report.PerClass)
            text.Append(Environment.NewLine).Append(m.Name.PadRight(width)).Append(c, $"  {m.Precision,9:F4}  {m.Recall,6:F4}  {m.F1,6:F4}  {m.Support,7}");
        text.Append(Environment.NewLine).Append("confusion matrix (rows: true class, columns: predicted):");
        int cell = Math.Max(3, report.Confusion.SelectMany(r => r).Max().ToString(c).Length);
        foreach ((long[] row, string name) in report.Confusion.Zip(report.Classes))
            text.Append(Environment.NewLine).Append(name.PadRight(width)).Append(' ').AppendJoin(' ', row.Select(v => v.ToString(c).PadLeft(cell)));
        return text.ToString();
    }
}
