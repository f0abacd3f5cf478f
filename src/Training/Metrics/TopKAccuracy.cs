
namespace ModelZoo.Training.Metrics;

/// <summary>Top-k accuracy: the fraction of samples whose target is among the k highest logits (k is capped at the
/// number of classes). Reports <c>top{k}_accuracy</c>.</summary>
public sealed class TopKAccuracy(int k = 5) : IMetric
{
    private Tensor? _correct;
    private long _count;

    public int K { get; } = k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be >= 1.");
    public string Name => $"top{K}_accuracy";

    public void Update(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = torch.NewDisposeScope();
        int capped = (int)Math.Min(K, logits.shape[1]);
        Tensor labels = SoftTargets.Labels(targets);
        Tensor hits = logits.topk(capped, dim: 1).indexes.eq(labels.unsqueeze(1)).any(1).sum();
        _correct ??= torch.zeros(Array.Empty<long>(), ScalarType.Int64, device: logits.device).DetachFromDisposeScope();
        _correct.add_(hits);
        _count += logits.shape[0];
    }

    public IReadOnlyDictionary<string, double> Compute() =>
        new Dictionary<string, double> { [Name] = _count == 0 ? 0 : (double)(_correct?.item<long>() ?? 0) / _count };

    public void Reset()
    {
        _correct?.Dispose();
        _correct = null;
        _count = 0;
    }
}
