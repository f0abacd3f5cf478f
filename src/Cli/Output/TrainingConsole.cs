using ModelZoo.Core;
using Spectre.Console;

namespace ModelZoo.Cli.Output;

/// <summary>Shows training progress on stderr: a live Spectre.Console bar (loss, images/s, ETA) on a terminal,
/// one line per epoch otherwise.</summary>
internal sealed class TrainingConsole
{
    private readonly CliContext _context;
    private ProgressTask? _task;

    public TrainingConsole(CliContext context) => _context = context;

    public IProgress<TrainingProgress> Steps => new ProgressAdapter<TrainingProgress>(OnStep);
    public IProgress<EpochMetrics> Epochs => new ProgressAdapter<EpochMetrics>(OnEpoch);

    /// <summary>Runs <paramref name="work"/> under a live bar when interactive.</summary>
    public async Task<T> RunAsync<T>(string title, Func<Task<T>> work)
    {
        if (!_context.Interactive) return await work().ConfigureAwait(false);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                _task = ctx.AddTask(title, maxValue: 1);
                result = await work().ConfigureAwait(false);
                _task.Value = _task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    private void OnStep(TrainingProgress p)
    {
        if (_task is null) return;
        _task.MaxValue = (double)p.Epochs * p.StepsPerEpoch;
        _task.Value = (double)(p.Epoch - 1) * p.StepsPerEpoch + p.Step;
        _task.Description = string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs} loss {p.RunningLoss:F4} {p.SamplesPerSecond:F0} img/s ETA {p.EstimatedRemaining:mm\\:ss}");
    }

    private void OnEpoch(EpochMetrics m)
    {
        string line = FormattableString.Invariant($"epoch {m.Epoch}: train_loss {m.TrainLoss:F4} train_acc {m.TrainAccuracy:F4}") +
            (m.EvalAccuracy is { } acc ? FormattableString.Invariant($" eval_loss {m.EvalLoss:F4} eval_acc {acc:F4}") : "") +
            (m.Metrics?.TryGetValue("eval_top5_accuracy", out double top5) == true ? FormattableString.Invariant($" top5 {top5:F4}") : "") +
            (m.Metrics?.TryGetValue("eval_macro_f1", out double f1) == true ? FormattableString.Invariant($" macro_f1 {f1:F4}") : "") +
            (m.LearningRate is { } lr ? FormattableString.Invariant($" lr {lr:G3}") : "") +
            FormattableString.Invariant($" ({m.Duration.TotalSeconds:F1} s, {m.Samples / Math.Max(1e-9, m.Duration.TotalSeconds):F0} img/s)");
        _context.Error.WriteLine(line);
    }
}
