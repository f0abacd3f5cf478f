using ModelZoo.Training.Metrics;

namespace ModelZoo.Training;

/// <summary>Loss, top-1 accuracy and optional further metrics of a model over a batch source, in eval mode without
/// gradients. Sums stay on the device until the end, so a GPU is synchronised once, not every batch.</summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(ImageClassifier model, IBatchSource loader, Device? device = null, CancellationToken cancellationToken = default) =>
        Evaluate(model, loader, Array.Empty<IMetric>(), device, cancellationToken);

    /// <summary>Evaluates and also updates <paramref name="metrics"/> (reset first) with every batch; their values land in
    /// <see cref="EvaluationResult.Metrics"/> and a <see cref="ConfusionMatrix"/>'s report in <see cref="EvaluationResult.Report"/>.</summary>
    public static EvaluationResult Evaluate(ImageClassifier model, IBatchSource loader, IReadOnlyList<IMetric> metrics, Device? device = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(metrics);
        device ??= model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        bool wasTraining = model.training;
        model.eval();
        foreach (IMetric metric in metrics) metric.Reset();
        int count = 0;
        using Tensor lossSum = torch.zeros(Array.Empty<long>(), ScalarType.Float64, device: device).DetachFromDisposeScope();
        using Tensor correct = torch.zeros(Array.Empty<long>(), ScalarType.Int64, device: device).DetachFromDisposeScope();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (Batch batch in loader.GetBatches(0, cancellationToken))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    Tensor x = batch.Inputs.to(device), y = batch.Targets.to(device);
                    Tensor logits = model.call(x);
                    lossSum.add_(Trainer.CrossEntropy(logits, y).to_type(ScalarType.Float64).mul(batch.Size));
                    correct.add_(logits.argmax(1).eq(SoftTargets.Labels(y)).sum());
                    foreach (IMetric metric in metrics) metric.Update(logits, y);
                    count += batch.Size;
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (IMetric metric in metrics)
            foreach ((string name, double value) in metric.Compute()) values[name] = value;
        return new EvaluationResult(lossSum.item<double>() / Math.Max(1, count), (int)correct.item<long>(), count)
        {
            Metrics = values, Report = metrics.OfType<ConfusionMatrix>().FirstOrDefault()?.Report(),
        };
    }
}
