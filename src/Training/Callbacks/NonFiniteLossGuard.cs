
namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Stops a run whose training loss becomes NaN or infinite with a <see cref="TrainingDivergedException"/> naming the
/// first such batch. The check stays on the device: every batch folds "first non-finite batch" into a device tensor,
/// read every <see cref="TrainerOptions.LogEveryNSteps"/> batches and at each epoch's end, so the run stops at most that
/// many batches late but before the epoch's checkpoint is written. Under a precision strategy that skips non-finite
/// steps itself (fp16-mixed's loss scaler), a non-finite loss is only a skipped step; the run stops when
/// <see cref="MaxConsecutiveSkips"/> steps in a row were skipped. The trainer adds it unless
/// <see cref="TrainerOptions.StopOnNonFiniteLoss"/> is false.
/// </summary>
public sealed class NonFiniteLossGuard : ITrainerCallback
{
    private Tensor? _firstBad;
    private int _skipped;

    public NonFiniteLossGuard(int maxConsecutiveSkips = 100)
    {
        if (maxConsecutiveSkips < 1) throw new ArgumentOutOfRangeException(nameof(maxConsecutiveSkips), maxConsecutiveSkips, "Must be >= 1.");
        MaxConsecutiveSkips = maxConsecutiveSkips;
    }

    public int MaxConsecutiveSkips { get; }

    /// <summary>Runs before the logs and checkpoints of the same event.</summary>
    public int Order => -200;

    public void OnFitStart(TrainerContext context)
    {
        _firstBad?.Dispose();
        _firstBad = torch.full(Array.Empty<long>(), long.MaxValue, ScalarType.Int64, device: context.Device).DetachFromDisposeScope();
        _skipped = 0;
    }

    public void OnAfterOptimizerStep(TrainerContext context, bool applied)
    {
        if (!context.Precision.SkipsNonFiniteSteps) return;
        _skipped = applied ? 0 : _skipped + 1;
        if (_skipped >= MaxConsecutiveSkips)
            throw Diverged(context, GlobalBatch(context, context.BatchIndex),
                $"{context.Precision.Name}: the loss scaler skipped {_skipped} optimizer steps in a row (non-finite gradients at every loss scale)");
    }

    public void OnBatchEnd(TrainerContext context, BatchOutput output)
    {
        if (context.Precision.SkipsNonFiniteSteps || _firstBad is null) return;
        using var scope = torch.NewDisposeScope();
        Tensor here = torch.where(output.Loss.isfinite(), torch.tensor(long.MaxValue, device: context.Device),
            torch.tensor(GlobalBatch(context, output.BatchIndex), device: context.Device));
        _firstBad.copy_(torch.minimum(_firstBad, here));
    }

    public void OnStepEnd(TrainerContext context, TrainingProgress progress)
    {
        if (_firstBad is null || context.Precision.SkipsNonFiniteSteps) return;
        if (progress.Step % context.Options.LogEveryNSteps != 0 && progress.Step != progress.StepsPerEpoch) return;
        long first = _firstBad.item<long>();
        if (first != long.MaxValue) throw Diverged(context, first, "the training loss became NaN or infinite");
    }

    public void OnFitEnd(TrainerContext context, TrainingResult result)
    {
        _firstBad?.Dispose();
        _firstBad = null;
    }

    private static long GlobalBatch(TrainerContext context, int batchIndex) => (long)(context.Epoch - 1) * context.BatchesPerEpoch + batchIndex + 1;

    private TrainingDivergedException Diverged(TrainerContext context, long globalBatch, string what)
    {
        _firstBad?.Dispose();
        _firstBad = null;
        int perEpoch = Math.Max(1, context.BatchesPerEpoch);
        int epoch = (int)((globalBatch - 1) / perEpoch) + 1, batch = (int)((globalBatch - 1) % perEpoch) + 1;
        return new TrainingDivergedException(
            $"Training diverged: {what} at step {globalBatch} (epoch {epoch}, batch {batch} of {perEpoch}). " +
            "Lower the learning rate, add gradient clipping or warm-up; the last checkpoint is from the last completed epoch.",
            epoch, batch, globalBatch);
    }
}
