using ModelZoo.Training.Callbacks;

namespace ModelZoo.Training.Tuning;

/// <summary>The callback behind <see cref="LearningRateFinder"/>: sets rate i of the geometric sweep before step i,
/// records each batch's loss and its running debiased moving average, and stops at the end or when that average diverges.</summary>
internal sealed class LearningRateSweep : ITrainerCallback
{
    private readonly LearningRateFinderOptions _options;
    private double[]? _ratios;
    private double _average, _best = double.PositiveInfinity;

    public LearningRateSweep(LearningRateFinderOptions options) => _options = options;

    public List<double> Rates { get; } = new();
    public List<double> Losses { get; } = new();
    public List<double> Smoothed { get; } = new();
    public bool Diverged { get; private set; }
    public int Order => -100;

    public double RateAt(int i) =>
        _options.StartLearningRate * Math.Pow(_options.EndLearningRate / _options.StartLearningRate, (double)i / (_options.Iterations - 1));

    public void OnFitStart(TrainerContext context)
    {
        double first = context.Optimizer.ParamGroups.First().LearningRate;
        _ratios = context.Optimizer.ParamGroups.Select(g => g.LearningRate / first).ToArray();   // keeps per-group ratios
        SetRate(context, RateAt(0));
    }

    public void OnBatchEnd(TrainerContext context, BatchOutput output)
    {
        int i = Rates.Count;
        double loss = output.Loss.item<float>();
        Rates.Add(RateAt(i));
        Losses.Add(loss);
        _average = _options.Smoothing * _average + (1 - _options.Smoothing) * loss;
        double smoothed = _average / (1 - Math.Pow(_options.Smoothing, i + 1));
        Smoothed.Add(smoothed);
        if (double.IsFinite(smoothed)) _best = Math.Min(_best, smoothed);
        if (_options.StopOnDivergence && (!double.IsFinite(smoothed) || smoothed > _options.DivergenceFactor * _best))
        {
            Diverged = true;
            context.StopRequested = true;
        }
        else if (i + 1 >= _options.Iterations)
        {
            context.StopRequested = true;
        }
        else
        {
            SetRate(context, RateAt(i + 1));
        }
    }

    private void SetRate(TrainerContext context, double rate)
    {
        int g = 0;
        foreach (TorchSharp.torch.optim.ILearningRateController group in context.Optimizer.ParamGroups) group.LearningRate = rate * _ratios![g++];
    }
}
