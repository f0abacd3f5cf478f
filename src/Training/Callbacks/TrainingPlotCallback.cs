using ModelZoo.Training.Plots;
namespace ModelZoo.Training.Callbacks;

/// <summary>Re-renders <see cref="TrainingPlot"/> from the whole history (including resumed epochs) after every epoch.</summary>
public sealed class TrainingPlotCallback : ITrainerCallback
{
    public TrainingPlotCallback(string path, int width = 960, int height = 400)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        (Width, Height) = (width, height);
        TrainingPlot.CheckSize(width, height);   // reject a bad size before training starts
    }

    public int Order => 160;
    public string Path { get; }
    public int Width { get; }
    public int Height { get; }

    public void OnEpochEnd(TrainerContext context, EpochMetrics metrics) => TrainingPlot.Save(context.History, Path, Width, Height);
}
