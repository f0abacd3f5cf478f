namespace ModelZoo.Training.Metrics;

/// <summary>The standard classification metric set: top-5 accuracy and the confusion matrix (per-class precision,
/// recall, F1 and their macro averages).</summary>
public static class ClassificationMetrics
{
    /// <summary>[<see cref="TopKAccuracy"/>(5), <see cref="ConfusionMatrix"/>] — what the trainer evaluates every epoch by default.</summary>
    public static IReadOnlyList<IMetric> Defaults(IReadOnlyList<string>? classNames = null) =>
        new IMetric[] { new TopKAccuracy(5), new ConfusionMatrix(classNames: classNames) };

    /// <summary>Loss, top-1 and top-5 accuracy and the <see cref="ClassificationReport"/> of <paramref name="model"/> on
    /// <paramref name="loader"/> (in eval mode, without gradients).</summary>
    public static EvaluationResult Evaluate(ImageClassifier model, IBatchSource loader, IReadOnlyList<string>? classNames = null,
        Device? device = null, CancellationToken cancellationToken = default) =>
        Evaluator.Evaluate(model, loader, Defaults(classNames), device, cancellationToken);
}
