using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Cli.Commands;

/// <summary>
/// The options of every training verb (`train`, `finetune`), defined once with the defaults of the verb's job options
/// and read into its <see cref="RunOptions"/>: dataset, data directory, ranges, augmentation, workers, epochs, batch
/// size, learning rate, optimizer, seed, precision, memory format, output and log directories, resume, device, threads,
/// and the training recipe (<see cref="TrainingRecipeOptions"/>: schedule, regularisation, EMA, MixUp/CutMix, early
/// stopping, best checkpoint, TensorBoard).
/// </summary>
internal sealed class RunCommandOptions
{
    public RunCommandOptions(RunOptions defaults, string seedDescription, string learningRateDescription)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        Dataset = CommonOptions.Dataset(defaults.Dataset);
        TrainRange = CommonOptions.Range("--train-range", "Training items of the split (default: first 80%, or all of a separate train split)");
        EvalRange = CommonOptions.Range("--eval-range", "Evaluation items (default: last 20%, or all of a separate val/test split)");
        Epochs = CommonOptions.Epochs(defaults.Epochs);
        BatchSize = CommonOptions.BatchSize(defaults.BatchSize);
        LearningRate = CommonOptions.LearningRate(defaults.LearningRate, learningRateDescription);
        Seed = CommonOptions.Seed(seedDescription);
        Out = CommonOptions.Out(defaults.OutputDirectory);
        Augment = CommonOptions.Augment("Training augmentation: none, basic (random crop + flip), digits (small random affine, no flip), " +
            "imagenet (random resized crop + flip + colour jitter), trivialaugment. Default: none, or imagenet for imagefolder.");
    }

    public Option<string> Dataset { get; }
    public Option<string?> DataDir { get; } = CommonOptions.DataDir();
    public Option<IndexRange?> TrainRange { get; }
    public Option<IndexRange?> EvalRange { get; }
    public Option<int> Epochs { get; }
    public Option<int> BatchSize { get; }
    public Option<double> LearningRate { get; }
    public Option<string> Optimizer { get; } = CommonOptions.Optimizer();
    public Option<long> Seed { get; }
    public Option<string> Out { get; }
    public Option<string?> Device { get; } = CommonOptions.Device();
    public Option<int?> Threads { get; } = CommonOptions.Threads();
    public Option<string?> Augment { get; }
    public Option<int> Workers { get; } = CommonOptions.Workers();
    public Option<string> Precision { get; } = CommonOptions.Precision();
    public Option<string> MemoryFormat { get; } = SpeedOptions.MemoryFormatOption("Layout of weights and inputs while training (values and checkpoints are the same either way):");
    public Option<string?> Resume { get; } = CommonOptions.Resume();
    public Option<string?> LogDir { get; } = CommonOptions.LogDir();
    public TrainingRecipeOptions Recipe { get; } = new();

    /// <summary>Every option, in help order.</summary>
    public IEnumerable<Option> All => new Option[]
    {
        Dataset, DataDir, TrainRange, EvalRange, Epochs, BatchSize, LearningRate, Optimizer, Seed, Precision, MemoryFormat, Out, LogDir, Resume,
        Device, Threads, Augment, Workers,
    };

    public void AddTo(Command command)
    {
        foreach (Option option in All) command.Options.Add(option);
        Recipe.AddTo(command);
    }

    /// <summary><paramref name="options"/> with every run option read from the command line.</summary>
    public T Read<T>(ParseResult parse, T options) where T : RunOptions
    {
        RunOptions run = options;
        return (T)(run with
        {
            Dataset = parse.GetValue(Dataset)!, DataDirectory = parse.GetValue(DataDir),
            TrainRange = parse.GetValue(TrainRange), EvalRange = parse.GetValue(EvalRange),
            Epochs = parse.GetValue(Epochs), BatchSize = parse.GetValue(BatchSize), LearningRate = parse.GetValue(LearningRate),
            Optimizer = Enum.Parse<OptimizerKind>(parse.GetValue(Optimizer)!, ignoreCase: true), Seed = parse.GetValue(Seed),
            OutputDirectory = parse.GetValue(Out)!, Device = parse.GetValue(Device), Threads = parse.GetValue(Threads),
            Augment = parse.GetValue(Augment), Workers = parse.GetValue(Workers), Precision = parse.GetValue(Precision)!,
            MemoryFormat = ModelZoo.Models.Layout.MemoryFormatNames.Parse(parse.GetValue(MemoryFormat)!),
            Resume = parse.GetValue(Resume), LogDirectory = parse.GetValue(LogDir), Recipe = Recipe.Parse(parse),
        });
    }

    /// <summary>The metadata of the --resume checkpoint, or null without --resume.</summary>
    public CheckpointInfo? ResumeInfo(ParseResult parse) => parse.GetValue(Resume) is { } path ? Checkpoint.ReadInfo(path) : null;

    /// <summary>With --resume, --dataset (the job rejects an explicit one that differs) and --precision default to the
    /// checkpoint's.</summary>
    public T ResumeDefaults<T>(ParseResult parse, T options, CheckpointInfo info) where T : RunOptions
    {
        RunOptions run = options;
        if (IsImplicit(parse, Dataset) && info.Dataset is { } name) run = run with { Dataset = name };
        if (IsImplicit(parse, Precision) && info.Training?.Precision is { } precision) run = run with { Precision = precision };
        return (T)run;
    }

    /// <summary>True when <paramref name="option"/> was not given on the command line (its default applies).</summary>
    public static bool IsImplicit(ParseResult parse, Option option) => parse.GetResult(option) is null or { Implicit: true };
}
