using ModelZoo.Training.Plots;
using ModelZoo.Training.TensorBoard;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Logs a run to TensorBoard event files in <see cref="Directory"/> (one new file per fit; a resumed run adds one and
/// continues the step axis). Every <see cref="TrainerOptions.LogEveryNSteps"/> batches, at x = optimizer steps:
/// <c>train/loss</c> (running mean of the epoch), <c>train/lr</c>, <c>train/throughput</c> (samples/s). After every
/// epoch, at x = epoch: <c>epoch/train_loss</c>, <c>epoch/train_accuracy</c>, <c>epoch/eval_loss</c>,
/// <c>epoch/eval_accuracy</c>, every further metric (<c>epoch/eval_top5_accuracy</c>, <c>epoch/eval_macro_f1</c>, ...),
/// <c>epoch/lr</c> and <c>epoch/seconds</c>, and the confusion-matrix heatmap as the image <c>eval/confusion_matrix</c>.
/// </summary>
public sealed class TensorBoardLogger : ITrainerCallback
{
    private TensorBoardWriter? _writer;

    public TensorBoardLogger(string directory, IReadOnlyList<string>? classNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        ClassNames = classNames;
    }

    public string Directory { get; }

    /// <summary>Class names for the confusion-matrix image (default: the indices).</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The event file of the current (or last) fit.</summary>
    public string? FilePath { get; private set; }

    public int Order => 170;

    public void OnFitStart(TrainerContext context)
    {
        _writer?.Dispose();
        _writer = new TensorBoardWriter(Directory);
        FilePath = _writer.FilePath;
    }

    public void OnStepEnd(TrainerContext context, TrainingProgress progress)
    {
        if (_writer is null || (progress.Step % context.Options.LogEveryNSteps != 0 && progress.Step != progress.StepsPerEpoch)) return;
        _writer.AddScalar("train/loss", progress.RunningLoss, context.GlobalStep);
        _writer.AddScalar("train/lr", context.LearningRate, context.GlobalStep);
        _writer.AddScalar("train/throughput", progress.SamplesPerSecond, context.GlobalStep);
    }

    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics)
    {
        if (_writer is null) return;
        foreach ((string name, double value) in metrics.All()) _writer.AddScalar("epoch/" + name, value, metrics.Epoch);
        _writer.AddScalar("epoch/seconds", metrics.Duration.TotalSeconds, metrics.Epoch);
        if (context.LastEvaluation?.Report is { } report)
        {
            if (ClassNames is { } names && names.Count == report.Classes.Count) report = report with { Classes = names };
            (byte[] png, int width, int height) = ConfusionMatrixPlot.Render(report);
            _writer.AddImage("eval/confusion_matrix", png, width, height, metrics.Epoch);
        }
    }

    public void OnFitEnd(TrainerContext context, TrainingResult result)
    {
        _writer?.Dispose();
        _writer = null;
    }
}
