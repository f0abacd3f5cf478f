using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Precision;

namespace ModelZoo.Training.Tuning;

/// <summary>
/// fastai's learning-rate range test (<c>lr_find</c>): trains for up to <see cref="LearningRateFinderOptions.Iterations"/>
/// steps while the rate grows geometrically from 1e-7 to 10, records the loss, stops when its running (fastai) average
/// exceeds 4 × its minimum, and suggests the rate of steepest descent of the smoothed curve
/// (<see cref="LearningRateFinderResult"/>). It runs the real training loop
/// (<see cref="Trainer"/>: same optimizer, precision, loss and accumulation as <paramref name="options"/>) and afterwards
/// restores everything it touched: the model's parameters and buffers bit for bit, its device, its train/eval mode and
/// torch's random generator; the sweep's optimizer is discarded, so the next fit starts with fresh optimizer state.
/// </summary>
public static class LearningRateFinder
{
    public static LearningRateFinderResult Find(ImageClassifier model, IBatchSource train, TrainerOptions? options = null,
        LearningRateFinderOptions? finder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        finder ??= new LearningRateFinderOptions();
        finder.Validate();
        options ??= new TrainerOptions();
        if (train.BatchCount < 1) throw new ArgumentException("The batch source has no batches.", nameof(train));
        int epochs = (finder.Iterations + train.BatchCount - 1) / train.BatchCount;
        var sweepOptions = options with
        {
            Epochs = epochs, ResumeFrom = null, StopOnNonFiniteLoss = false, LearningRate = finder.StartLearningRate, EvalMetrics = null,
        };
        var sweep = new LearningRateSweep(finder);
        bool training = model.training;
        Device home = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        Dictionary<string, Tensor> snapshot = Snapshot(model);
        Tensor rng = torch.random.get_rng_state().DetachFromDisposeScope();
        try
        {
            new Trainer(sweepOptions, Precisions.Create(options.Precision)).Add(sweep).Fit(model, train, null, cancellationToken);
        }
        finally
        {
            model.to(home);   // Fit moved it to the options' device
            Restore(model, snapshot);
            model.train(training);
            torch.random.set_rng_state(rng);
            rng.Dispose();
        }
        double[] smoothed = LearningRateFinderResult.ZeroPhase(sweep.Losses, finder.CurveBeta);
        (double steepest, double minimum) = LearningRateFinderResult.Suggest(sweep.Rates, smoothed);
        return new LearningRateFinderResult(sweep.Rates.ToArray(), sweep.Losses.ToArray(), smoothed, sweep.Diverged)
        {
            SuggestedLearningRate = steepest, MinimumLearningRate = minimum,
        };
    }

    /// <summary>Copies of every parameter and buffer (detached, on their device).</summary>
    private static Dictionary<string, Tensor> Snapshot(ImageClassifier model)
    {
        using var noGrad = torch.no_grad();
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
    }

    private static void Restore(ImageClassifier model, Dictionary<string, Tensor> snapshot)
    {
        using var noGrad = torch.no_grad();
        foreach ((string name, Tensor live) in model.state_dict())
        {
            Tensor saved = snapshot[name];
            if (live.device_type != saved.device_type) saved = saved.to(live.device);
            live.copy_(saved);
        }
        foreach (Tensor t in snapshot.Values) t.Dispose();
    }
}
