using System.Globalization;

namespace ModelZoo.Training;

/// <summary>Metrics of one epoch; evaluation fields are null when no evaluation set was given.</summary>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double? EvalLoss, double? EvalAccuracy, TimeSpan Duration, int Samples)
{
    /// <summary>The names <see cref="TryGet"/> always knows (evaluation ones only when an evaluation set was given);
    /// <see cref="Metrics"/> adds more, e.g. eval_top5_accuracy and eval_macro_f1 from the default evaluation metrics.</summary>
    public static IReadOnlyList<string> StandardNames { get; } = new[]
    {
        "train_loss", "train_accuracy", "eval_loss", "eval_accuracy", "eval_top5_accuracy",
        "eval_macro_precision", "eval_macro_recall", "eval_macro_f1", "lr",
    };

    /// <summary>Further metrics by name: the evaluation metrics prefixed with <c>eval_</c> (eval_top5_accuracy,
    /// eval_macro_precision, eval_macro_recall, eval_macro_f1 by default). Null when there are none.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>Learning rate of the optimizer's first parameter group at the epoch's last step.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The value of a metric by name: train_loss, train_accuracy, eval_loss, eval_accuracy, lr, or a key of
    /// <see cref="Metrics"/>. False when this epoch has no such value (e.g. eval_loss without an evaluation set).</summary>
    public bool TryGet(string name, out double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        double? found = name switch
        {
            "train_loss" => TrainLoss,
            "train_accuracy" => TrainAccuracy,
            "eval_loss" => EvalLoss,
            "eval_accuracy" => EvalAccuracy,
            "lr" => LearningRate,
            _ => Metrics is { } m && m.TryGetValue(name, out double v) ? v : null,
        };
        value = found ?? double.NaN;
        return found.HasValue;
    }

    /// <summary>Every metric this epoch has, by name (the names <see cref="TryGet"/> accepts).</summary>
    public IReadOnlyDictionary<string, double> All()
    {
        var all = new Dictionary<string, double>(StringComparer.Ordinal) { ["train_loss"] = TrainLoss, ["train_accuracy"] = TrainAccuracy };
        if (EvalLoss is { } l) all["eval_loss"] = l;
        if (EvalAccuracy is { } a) all["eval_accuracy"] = a;
        if (LearningRate is { } lr) all["lr"] = lr;
        if (Metrics is not null) foreach ((string k, double v) in Metrics) all[k] = v;
        return all;
    }

    public override string ToString() =>
        $"epoch {Epoch}: " + string.Join(", ", All().Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:G6}")));
}
