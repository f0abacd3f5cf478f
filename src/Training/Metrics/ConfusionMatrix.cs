
namespace ModelZoo.Training.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs, accumulated on the device with one <c>bincount</c> per batch; reports
/// <c>macro_precision</c>, <c>macro_recall</c> and <c>macro_f1</c>, and the full <see cref="Report"/>. The number of classes
/// is taken from the logits when not given.
/// </summary>
public sealed class ConfusionMatrix : IMetric
{
    private Tensor? _counts;
    private long[][]? _host;

    public ConfusionMatrix(int? numClasses = null, IReadOnlyList<string>? classNames = null)
    {
        if (numClasses is < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be >= 1.");
        if (numClasses is { } n && classNames is not null && classNames.Count != n)
            throw new ArgumentException($"{classNames.Count} class names for {n} classes.", nameof(classNames));
        NumClasses = numClasses ?? classNames?.Count;
        ClassNames = classNames;
    }

    /// <summary>Number of classes (null until the first batch when not given).</summary>
    public int? NumClasses { get; private set; }

    public IReadOnlyList<string>? ClassNames { get; }

    public void Update(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int n = NumClasses ??= (int)logits.shape[1];
        if (logits.shape[1] != n) throw new ArgumentException($"ConfusionMatrix has {n} classes but the logits have {logits.shape[1]}.", nameof(logits));
        using var scope = torch.NewDisposeScope();
        Tensor labels = SoftTargets.Labels(targets).to_type(ScalarType.Int64);
        Tensor pairs = labels.mul(n).add(logits.argmax(1));
        Tensor counts = torch.bincount(pairs, minlength: n * n);
        if (counts.shape[0] != n * n) throw new ArgumentException($"Targets must be class indices in [0, {n - 1}].", nameof(targets));
        _counts ??= torch.zeros(n * n, ScalarType.Int64, device: logits.device).DetachFromDisposeScope();
        _counts.add_(counts);
        _host = null;
    }

    /// <summary>The counts [true class][predicted class] so far.</summary>
    public long[][] Counts()
    {
        if (_host is not null) return _host;
        int n = NumClasses ?? 0;
        long[] flat = new long[n * n];
        if (_counts is not null)
        {
            Tensor cpu = _counts.device_type == DeviceType.CPU ? _counts : _counts.cpu();
            flat = cpu.data<long>().ToArray();
            if (!ReferenceEquals(cpu, _counts)) cpu.Dispose();
        }
        return _host = Enumerable.Range(0, n).Select(r => flat.AsSpan(r * n, n).ToArray()).ToArray();
    }

    /// <summary>Per-class precision, recall, F1 and the macro averages over the batches so far.</summary>
    public ClassificationReport Report() => ClassificationReport.FromCounts(Counts(), ClassNames);

    public IReadOnlyDictionary<string, double> Compute()
    {
        ClassificationReport report = Report();
        return new Dictionary<string, double>
        {
            ["macro_precision"] = report.MacroPrecision, ["macro_recall"] = report.MacroRecall, ["macro_f1"] = report.MacroF1,
        };
    }

    public void Reset()
    {
        _counts?.Dispose();
        _counts = null;
        _host = null;
    }
}
