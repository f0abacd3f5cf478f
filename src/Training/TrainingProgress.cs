namespace ModelZoo.Training;

/// <summary>Reported after every training step: position, running loss and throughput.</summary>
public readonly record struct TrainingProgress(
    int Epoch, int Epochs, int Step, int StepsPerEpoch, double RunningLoss, double SamplesPerSecond, TimeSpan Elapsed)
{
    /// <summary>Estimated time left in the whole run, from the average step time so far.</summary>
    public TimeSpan EstimatedRemaining
    {
        get
        {
            long done = (long)(Epoch - 1) * StepsPerEpoch + Step;
            long total = (long)Epochs * StepsPerEpoch;
            return done == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Elapsed.Ticks / done * (total - done));
        }
    }
}
