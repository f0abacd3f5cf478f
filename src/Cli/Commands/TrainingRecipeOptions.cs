using System.CommandLine.Parsing;
using ModelZoo.Training.Recipes;
using ModelZoo.Training.Schedulers;

namespace ModelZoo.Cli.Commands;

/// <summary>
/// The training-recipe options of `modelzoo train` (schedule, warm-up, regularisation, accumulation, EMA, MixUp/CutMix,
/// early stopping, best checkpoint, TensorBoard), declared once; <see cref="Parse"/> maps them onto a
/// <see cref="TrainingRecipe"/>. Every bad value is a one-line usage error naming the option and its allowed range.
/// </summary>
internal sealed class TrainingRecipeOptions
{
    private readonly Option<string> _scheduler = new("--scheduler")
    {
        Description = "Learning-rate schedule: none, step[:EPOCHS[:GAMMA]], multistep[:E1,E2[:GAMMA]], exponential[:GAMMA], " +
            "cosine[:MIN_FACTOR] (per step), onecycle[:PCT_START] (fastai, --lr is the peak), plateau[:PATIENCE[:FACTOR]] (on eval_loss).",
        DefaultValueFactory = _ => "none",
    };
    private readonly Option<double> _warmup = new("--warmup") { Description = "Epochs of linear learning-rate warm-up (fractions allowed), >= 0.", DefaultValueFactory = _ => 0 };
    private readonly Option<double?> _weightDecay = new("--weight-decay") { Description = "Weight decay (L2 for sgd/adam/rmsprop, decoupled for adamw), >= 0 (default 0)." };
    private readonly Option<double> _labelSmoothing = new("--label-smoothing") { Description = "Label smoothing in [0, 1) (default 0).", DefaultValueFactory = _ => 0 };
    private readonly Option<double?> _clipGrad = new("--clip-grad") { Description = "Clip the gradients' total L2 norm to this value (> 0), after fp16 unscaling." };
    private readonly Option<int> _accumulate = new("--accumulate") { Description = "Batches per optimizer step (gradient accumulation), >= 1.", DefaultValueFactory = _ => 1 };
    private readonly Option<double?> _ema = new("--ema") { Description = "Keep an exponential moving average of the weights with this decay in (0, 1), e.g. 0.999; it is evaluated and saved." };
    private readonly Option<double?> _mixup = new("--mixup") { Description = "MixUp with this alpha (> 0, e.g. 0.2); with --cutmix each batch picks one." };
    private readonly Option<double?> _cutmix = new("--cutmix") { Description = "CutMix with this alpha (> 0, e.g. 1.0)." };
    private readonly Option<string?> _earlyStop = new("--early-stop")
    {
        Description = "Stop when METRIC has not improved for PATIENCE epochs: METRIC:PATIENCE, e.g. eval_loss:3 (metrics: " + string.Join(", ", EpochMetrics.StandardNames) + ").",
    };
    private readonly Option<string?> _saveBest = new("--save-best") { Description = "Also keep the best epoch by this metric in NAME-best.ckpt beside the checkpoint (e.g. eval_accuracy)." };
    private readonly Option<string?> _tensorBoard = new("--tensorboard") { Description = "Write TensorBoard event files (scalars, confusion matrix) to this directory." };

    public TrainingRecipeOptions()
    {
        _scheduler.Validators.Add(r => Check(r, (string v) => Schedules.Create(v, 0), "--scheduler"));
        AtLeast(_warmup, 0, inclusive: true, "a number of epochs >= 0");
        AtLeast(_weightDecay, 0, inclusive: true, ">= 0");
        Range(_labelSmoothing, v => v >= 0 && v < 1, "in [0, 1)");
        AtLeast(_clipGrad, 0, inclusive: false, "> 0");
        _accumulate.Validators.Add(r => Check(r, (int v) => { if (v < 1) throw new ArgumentException($"--accumulate must be >= 1; got {v}."); }));
        Range(_ema, v => v > 0 && v < 1, "in (0, 1), e.g. 0.999");
        AtLeast(_mixup, 0, inclusive: false, "> 0, e.g. 0.2");
        AtLeast(_cutmix, 0, inclusive: false, "> 0, e.g. 1.0");
        _earlyStop.Validators.Add(r => Check(r, (string? v) => { if (v is not null) EarlyStopSpec.Parse(v); }, "--early-stop"));
        _saveBest.Validators.Add(r => Check(r, (string? v) => { if (v is not null) TrainingRecipe.CheckMetric(v); }, "--save-best"));
    }

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _scheduler, _warmup, _weightDecay, _labelSmoothing, _clipGrad, _accumulate, _ema, _mixup, _cutmix, _earlyStop, _saveBest, _tensorBoard })
            command.Options.Add(option);
    }

    public TrainingRecipe Parse(ParseResult parse) => new()
    {
        Scheduler = parse.GetValue(_scheduler)!, WarmupEpochs = parse.GetValue(_warmup), WeightDecay = parse.GetValue(_weightDecay),
        LabelSmoothing = parse.GetValue(_labelSmoothing), ClipGradNorm = parse.GetValue(_clipGrad), Accumulate = parse.GetValue(_accumulate),
        EmaDecay = parse.GetValue(_ema), MixUpAlpha = parse.GetValue(_mixup), CutMixAlpha = parse.GetValue(_cutmix),
        EarlyStop = parse.GetValue(_earlyStop) is { } stop ? EarlyStopSpec.Parse(stop) : null, SaveBest = parse.GetValue(_saveBest)?.Trim(),
        TensorBoardDirectory = parse.GetValue(_tensorBoard),
    };

    private static void AtLeast(Option<double> option, double min, bool inclusive, string range) =>
        Range(option, v => inclusive ? v >= min : v > min, range);

    private static void AtLeast(Option<double?> option, double min, bool inclusive, string range) =>
        Range(option, v => inclusive ? v >= min : v > min, range);

    private static void Range(Option<double> option, Func<double, bool> ok, string range) =>
        option.Validators.Add(r => Check(r, (double v) => { if (!ok(v) || !double.IsFinite(v)) throw new ArgumentException(Message(option.Name, v, range)); }));

    private static void Range(Option<double?> option, Func<double, bool> ok, string range) =>
        option.Validators.Add(r => Check(r, (double? v) => { if (v is { } x && (!ok(x) || !double.IsFinite(x))) throw new ArgumentException(Message(option.Name, x, range)); }));

    private static string Message(string name, double value, string range) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} must be {range}; got {value}.");

    /// <summary>Runs <paramref name="check"/> on the option's value and reports its exception as the option's error.</summary>
    private static void Check<T>(OptionResult result, Action<T> check, string? prefix = null)
    {
        T value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return;   // the text did not convert; that error is already reported
        }
        try
        {
            check(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            string message = CliErrors.OneLine(ex);
            result.AddError(prefix is null || message.StartsWith(prefix, StringComparison.Ordinal) ? message : $"{prefix}: {message}");
        }
    }
}
