using System.Text.Json.Nodes;
using ModelZoo.Training.Metrics;

namespace ModelZoo.Training;

/// <summary>Loss and top-1 accuracy over a dataset, and the values of any further metrics that were computed.</summary>
public sealed record EvaluationResult(double Loss, int Correct, int Count)
{
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>Further metrics by name (top5_accuracy, macro_precision, macro_recall, macro_f1 with the defaults).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The per-class report and confusion matrix, when a <see cref="ConfusionMatrix"/> metric was computed.</summary>
    public ClassificationReport? Report { get; init; }

    /// <summary>Everything as JSON: loss, accuracy, count, the metrics and the report (per-class metrics, confusion matrix).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["loss"] = Loss, ["accuracy"] = Accuracy, ["correct"] = Correct, ["count"] = Count };
        foreach ((string name, double value) in Metrics) json[name] = value;
        if (Report is not null)
        {
            JsonObject report = Report.ToJson();
            foreach (string key in new[] { "per_class", "classes", "confusion_matrix" })
            {
                JsonNode? node = report[key];
                report.Remove(key);
                json[key] = node;
            }
        }
        return json;
    }
}
