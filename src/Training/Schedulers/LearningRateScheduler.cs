using System.Text.Json.Nodes;
using ModelZoo.Training.Callbacks;

namespace ModelZoo.Training.Schedulers;

/// <summary>
/// A learning-rate schedule as a trainer callback. Every parameter group's rate is its base rate (the optimizer's rate
/// when the run started, e.g. <see cref="TrainerOptions.LearningRate"/>) times <see cref="FactorAt"/> of the position:
/// optimizer steps taken (<see cref="ScheduleInterval.Step"/>) or epochs completed (<see cref="ScheduleInterval.Epoch"/>).
/// An optional linear warm-up of <see cref="WarmupEpochs"/> comes first: the factor rises as (t + 1) / (W + 1) over the
/// W warm-up units, and the schedule proper then runs over the remaining units. The rates are a function of the
/// position, so a resumed run (which restores the step count, and the base rates from this callback's state) continues
/// the schedule exactly. Subclasses give the schedule's shape (<see cref="Factor"/>), and may set momentum.
/// </summary>
public abstract class LearningRateScheduler : IStatefulCallback
{
    private double[]? _baseRates;
    private double?[]? _baseMomenta;

    protected LearningRateScheduler(ScheduleInterval interval, double warmupEpochs)
    {
        if (!Enum.IsDefined(interval)) throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown schedule interval.");
        if (!(warmupEpochs >= 0) || double.IsInfinity(warmupEpochs))
            throw new ArgumentOutOfRangeException(nameof(warmupEpochs), warmupEpochs, "Warm-up must be a finite number of epochs >= 0.");
        Interval = interval;
        WarmupEpochs = warmupEpochs;
    }

    public ScheduleInterval Interval { get; }

    /// <summary>Epochs of linear warm-up before the schedule (fractions allowed with per-step schedules).</summary>
    public double WarmupEpochs { get; }

    /// <summary>Runs first, so every other callback sees the rate of the coming step.</summary>
    public int Order => -100;

    public virtual string StateKey => "lr_scheduler";

    /// <summary>The base rates of the parameter groups (known once the fit started).</summary>
    public IReadOnlyList<double>? BaseRates => _baseRates;

    /// <summary>The schedule's factor of the base rate after <paramref name="t"/> of <paramref name="total"/> units
    /// (both counted after the warm-up; 0 ≤ t ≤ total).</summary>
    protected abstract double Factor(long t, long total);

    /// <summary>The momentum (β₁) to set at <paramref name="t"/> of <paramref name="total"/>, or null to leave it.</summary>
    protected virtual double? Momentum(long t, long total, double baseMomentum) => null;

    /// <summary>The rate of a group with base rate <paramref name="baseRate"/> at factor <paramref name="factor"/>.</summary>
    protected virtual double Rate(double baseRate, double factor) => baseRate * factor;

    /// <summary>The factor of the base rates at position <paramref name="t"/> of <paramref name="total"/> units, with
    /// <paramref name="warmup"/> units of linear warm-up.</summary>
    public double FactorAt(long t, long total, long warmup)
    {
        if (t < warmup) return (t + 1.0) / (warmup + 1.0);
        long span = Math.Max(1, total - warmup);
        return Factor(Math.Clamp(t - warmup, 0, span), span);
    }

    public virtual void OnFitStart(TrainerContext context)
    {
        _baseRates ??= context.Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
        _baseMomenta ??= context.Optimizer.ParamGroups.Select(OptimizerMomentum.Get).ToArray();
        Apply(context, Interval == ScheduleInterval.Step ? context.GlobalStep : context.StartEpoch - 1);
    }

    public void OnEpochStart(TrainerContext context, int epoch)
    {
        if (Interval == ScheduleInterval.Epoch) Apply(context, epoch - 1);
    }

    public void OnAfterOptimizerStep(TrainerContext context, bool applied)
    {
        if (Interval == ScheduleInterval.Step) Apply(context, context.GlobalStep);
    }

    public virtual void OnEpochEnd(TrainerContext context, EpochMetrics metrics) { }

    /// <summary>Units in the whole run and in the warm-up, for this run's length.</summary>
    protected (long Total, long Warmup) Units(TrainerContext context) => Interval == ScheduleInterval.Step
        ? ((long)context.StepsPerEpoch * context.Options.Epochs, (long)Math.Round(WarmupEpochs * context.StepsPerEpoch))
        : (context.Options.Epochs, (long)Math.Round(WarmupEpochs));

    /// <summary>Sets every group's rate (and momentum) for position <paramref name="t"/>.</summary>
    protected void Apply(TrainerContext context, long t)
    {
        (long total, long warmup) = Units(context);
        double factor = FactorAt(t, total, warmup);
        long span = Math.Max(1, total - warmup);
        int i = 0;
        foreach (TorchSharp.torch.optim.ILearningRateController group in context.Optimizer.ParamGroups)
        {
            if (_baseRates is null || i >= _baseRates.Length) break;
            group.LearningRate = Rate(_baseRates[i], factor);
            if (_baseMomenta![i] is { } m && Momentum(Math.Clamp(t - warmup, 0, span), span, m) is { } momentum) OptimizerMomentum.Set(group, momentum);
            i++;
        }
    }

    public virtual JsonNode? SaveState() => new JsonObject
    {
        ["base_rates"] = new JsonArray(_baseRates?.Select(r => (JsonNode)r).ToArray() ?? Array.Empty<JsonNode>()),
        ["base_momenta"] = new JsonArray(_baseMomenta?.Select(m => (JsonNode?)m).ToArray() ?? Array.Empty<JsonNode?>()),
    };

    public virtual void LoadState(JsonNode? state)
    {
        if (state?["base_rates"] is JsonArray rates && rates.Count > 0) _baseRates = rates.Select(r => r!.GetValue<double>()).ToArray();
        if (state?["base_momenta"] is JsonArray momenta && momenta.Count > 0) _baseMomenta = momenta.Select(m => m?.GetValue<double>()).ToArray();
    }
}
