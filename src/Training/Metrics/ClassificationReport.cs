using System.Text.Json.Nodes;

namespace ModelZoo.Training.Metrics;

/// <summary>
/// What a confusion matrix says (scikit-learn's <c>classification_report</c>): per-class precision = TP / predicted,
/// recall = TP / support, F1 = 2PR / (P + R) (0 when a denominator is 0), and their macro averages over the classes
/// that occur among the targets or the predictions (scikit-learn's default label set).
/// </summary>
public sealed record ClassificationReport
{
    /// <summary>Class names in index order.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Counts [true class][predicted class].</summary>
    public required long[][] Confusion { get; init; }

    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>Number of samples: the sum of the confusion matrix.</summary>
    public long Total => PerClass.Sum(m => m.Support);

    /// <summary>The diagonal of the confusion matrix over <see cref="Total"/> (0 when empty).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Enumerable.Range(0, Confusion.Length).Sum(c => Confusion[c][c]) / Total;

    public double MacroPrecision => Macro(m => m.Precision);
    public double MacroRecall => Macro(m => m.Recall);
    public double MacroF1 => Macro(m => m.F1);

    /// <summary>The mean over the classes that occur among the targets or the predictions (0 when none does).</summary>
    private double Macro(Func<ClassMetrics, double> metric)
    {
        ClassMetrics[] present = PerClass.Where(m => m.Support > 0 || m.Predicted > 0).ToArray();
        return present.Length == 0 ? 0 : present.Average(metric);
    }

    /// <summary>Builds the report from counts [true][predicted]; <paramref name="classes"/> defaults to "0", "1", ...</summary>
    public static ClassificationReport FromCounts(long[][] counts, IReadOnlyList<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int n = counts.Length;
        if (counts.Any(row => row is null || row.Length != n))
            throw new ArgumentException($"A confusion matrix must be square; got {n} rows of lengths {string.Join(", ", counts.Select(r => r?.Length ?? 0).Distinct())}.", nameof(counts));
        if (classes is not null && classes.Count != n)
            throw new ArgumentException($"{classes.Count} class names for a {n}-class confusion matrix.", nameof(classes));
        string[] names = classes?.ToArray() ?? Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var perClass = new ClassMetrics[n];
        for (int c = 0; c < n; c++)
        {
            long tp = counts[c][c], support = counts[c].Sum(), predicted = counts.Sum(row => row[c]);
            double p = predicted == 0 ? 0 : (double)tp / predicted, r = support == 0 ? 0 : (double)tp / support;
            perClass[c] = new ClassMetrics(names[c], p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), support, predicted);
        }
        return new ClassificationReport { Classes = names, Confusion = counts.Select(r => r.ToArray()).ToArray(), PerClass = perClass };
    }

    /// <summary>The report as JSON: macro averages, per-class metrics and the confusion matrix with its class names.</summary>
    public JsonObject ToJson()
    {
        var perClass = new JsonArray();
        foreach (ClassMetrics m in PerClass)
            perClass.Add(new JsonObject
            {
                ["class"] = m.Name, ["precision"] = m.Precision, ["recall"] = m.Recall, ["f1"] = m.F1, ["support"] = m.Support, ["predicted"] = m.Predicted,
            });
        var confusion = new JsonArray();
        foreach (long[] row in Confusion) confusion.Add(new JsonArray(row.Select(v => (JsonNode)v).ToArray()));
        return new JsonObject
        {
            ["accuracy"] = Accuracy, ["macro_precision"] = MacroPrecision, ["macro_recall"] = MacroRecall, ["macro_f1"] = MacroF1, ["total"] = Total,
            ["classes"] = new JsonArray(Classes.Select(c => (JsonNode)c).ToArray()), ["per_class"] = perClass, ["confusion_matrix"] = confusion,
        };
    }
}
