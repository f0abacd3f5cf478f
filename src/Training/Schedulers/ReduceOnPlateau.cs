using System.Text.Json.Nodes;
using ModelZoo.Training.Callbacks;

namespace ModelZoo.Training.Schedulers;

/// <summary>
/// PyTorch's ReduceLROnPlateau: after every epoch the monitored metric is compared with the best so far (relative
/// threshold: better means below best·(1 − threshold) for min, above best·(1 + threshold) for max); after more than
/// <see cref="Patience"/> epochs without improvement the rates are multiplied by <see cref="ReductionFactor"/> (not
/// below <see cref="MinLearningRate"/>) and <see cref="Cooldown"/> epochs pass before counting again. Best value,
/// counters and the number of reductions travel in training checkpoints.
/// </summary>
public sealed class ReduceOnPlateau(string metric = "eval_loss", MonitorMode mode = MonitorMode.Auto, double factor = 0.1, int patience = 10,
    double threshold = 1e-4, int cooldown = 0, double minLearningRate = 0, double warmupEpochs = 0)
    : LearningRateScheduler(ScheduleInterval.Epoch, warmupEpochs)
{
    public MetricMonitor Monitor { get; } = new(metric, mode);

    public double ReductionFactor { get; } = factor > 0 && factor < 1 ? factor
        : throw new ArgumentOutOfRangeException(nameof(factor), factor, "The reduction factor must be in (0, 1).");

    public int Patience { get; } = patience >= 0 ? patience
        : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be >= 0.");

    public double Threshold { get; } = threshold >= 0 ? threshold
        : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Threshold must be >= 0.");

    public int Cooldown { get; } = cooldown >= 0 ? cooldown
        : throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "Cooldown must be >= 0.");

    public double MinLearningRate { get; } = minLearningRate >= 0 ? minLearningRate
        : throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "The minimum rate must be >= 0.");

    public double? Best { get; private set; }
    public int BadEpochs { get; private set; }
    public int CooldownLeft { get; private set; }

    /// <summary>Reductions so far: the rates are base·factor^Reductions (at least the minimum).</summary>
    public int Reductions { get; private set; }

    protected override double Factor(long t, long total) => Math.Pow(ReductionFactor, Reductions);

    protected override double Rate(double baseRate, double factor) => Math.Max(baseRate * factor, MinLearningRate);

    public override void OnEpochEnd(TrainerContext context, EpochMetrics metrics)
    {
        double value = Monitor.ValueOf(metrics, nameof(ReduceOnPlateau));
        if (IsBetter(value))
        {
            Best = value;
            BadEpochs = 0;
        }
        else
        {
            BadEpochs++;
        }
        if (CooldownLeft > 0)
        {
            CooldownLeft--;
            BadEpochs = 0;
        }
        if (BadEpochs <= Patience) return;
        Reductions++;
        CooldownLeft = Cooldown;
        BadEpochs = 0;
        Apply(context, metrics.Epoch);
    }

    private bool IsBetter(double value)
    {
        if (double.IsNaN(value)) return false;
        if (Best is not { } best) return true;
        return Monitor.Mode == MonitorMode.Min ? value < best * (1 - Threshold) : value > best * (1 + Threshold);
    }

    public override JsonNode? SaveState()
    {
        var state = (JsonObject)base.SaveState()!;
        state["best"] = Best is { } b && double.IsFinite(b) ? b : (double?)null;
        state["bad_epochs"] = BadEpochs;
        state["cooldown_left"] = CooldownLeft;
        state["reductions"] = Reductions;
        return state;
    }

    public override void LoadState(JsonNode? state)
    {
        base.LoadState(state);
        if (state is null) return;
        Best = state["best"]?.GetValue<double>();
        BadEpochs = state["bad_epochs"]?.GetValue<int>() ?? 0;
        CooldownLeft = state["cooldown_left"]?.GetValue<int>() ?? 0;
        Reductions = state["reductions"]?.GetValue<int>() ?? 0;
    }
}
