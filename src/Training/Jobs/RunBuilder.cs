using ModelZoo.Data.Catalog;
using ModelZoo.Models.Transfer;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Recipes;

namespace ModelZoo.Training.Jobs;

/// <summary>
/// Assembles a training run the same way for every job (`modelzoo train`, `modelzoo finetune`): validates the shared
/// <see cref="RunOptions"/>, checks the checkpoint to resume (same job, model, dataset and fine-tune recipe; its seed
/// replaces the options'), applies the CPU thread count, prepares the data directory (downloading missing catalog
/// files), names the checkpoint and the log directory, and builds the <see cref="Trainer"/> (precision, resume) with the
/// run's callbacks: progress, <see cref="MetricsLogger"/> (metrics.csv, metrics.jsonl), <see cref="TrainingPlotCallback"/>
/// (curves.png), a <see cref="CheckpointCallback"/> that saves a resumable checkpoint after every epoch, and the
/// callbacks, trainer options and batch transform of the run's <see cref="RunOptions.Recipe"/> (schedule, EMA, MixUp/CutMix,
/// early stopping, best checkpoint, TensorBoard).
/// <code>
/// RunBuilder run = RunBuilder.Create(options, "lenet5");        // options: TrainJobOptions, FinetuneJobOptions, ...
/// await run.PrepareDataAsync(ct);
/// // open the data with run.Options (the resumed run's seed), build the model and the loaders (run.TrainLoading(classes)) ...
/// RunPaths paths = run.Paths("lenet5-mnist");
/// TrainingResult result = await run.FitAsync(model, train, eval, paths, new CheckpointInfo { Model = "lenet5", Options = o });
/// </code>
/// </summary>
public sealed class RunBuilder
{
    private RunBuilder(RunOptions options, string model, FinetuneRecipe? recipe, CheckpointInfo? resumed)
    {
        Options = options;
        Model = model;
        Recipe = recipe;
        Resumed = resumed;
    }

    /// <summary>Validates <paramref name="options"/> and, when <see cref="RunOptions.Resume"/> is set, checks that its
    /// checkpoint continues this run.</summary>
    /// <param name="model">The registered name of the model the run trains.</param>
    /// <param name="recipe">For a fine-tune: how the model is made from pretrained weights; it is stored in every checkpoint
    /// and a resumed fine-tune must match it. Null for a run that trains a freshly built model.</param>
    public static RunBuilder Create(RunOptions options, string model, FinetuneRecipe? recipe = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Validate(options);
        CheckpointInfo? resumed = options.Resume is { } path ? RunResume.Check(options, model, path, recipe) : null;
        if (resumed?.Training is { } saved) options = options with { Seed = saved.Seed };   // data, init and shuffles as in the original run
        return new RunBuilder(options, model, recipe, resumed);
    }

    /// <summary>The options the run uses: the given ones, with the resumed checkpoint's seed. A job casts them back to
    /// its own options type (<c>with</c> keeps the runtime type).</summary>
    public RunOptions Options { get; }

    /// <summary>Registered name of the model.</summary>
    public string Model { get; }

    /// <summary>The fine-tune recipe, or null.</summary>
    public FinetuneRecipe? Recipe { get; }

    /// <summary>The metadata of the checkpoint being continued, or null for a fresh run.</summary>
    public CheckpointInfo? Resumed { get; }

    /// <summary>Applies <see cref="RunOptions.Threads"/>, checks that the data directory exists and downloads the
    /// dataset's missing files into it (<see cref="DatasetCatalog.EnsureDownloadedAsync"/>) unless
    /// <see cref="RunOptions.Download"/> is false.</summary>
    public async Task PrepareDataAsync(CancellationToken cancellationToken = default)
    {
        if (Options.Threads is { } threads) TorchSharp.torch.set_num_threads(threads);
        if (Options.DataDirectory is not { } directory) return;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(
                $"Data directory not found: {Path.GetFullPath(directory)}. Create it (missing dataset files are then downloaded into it) or fix --data-dir.");
        if (Options.Download)
            await DatasetCatalog.EnsureDownloadedAsync(Options.Dataset, directory, Options.Mirrors, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's recipe (none of its parts when <see cref="RunOptions.Recipe"/> is null).</summary>
    public TrainingRecipe TrainingRecipe => Options.Recipe ?? new TrainingRecipe();

    /// <summary>Loader options for the training items: the run's batch size, seeded shuffling, workers, and the recipe's
    /// MixUp/CutMix over <paramref name="numClasses"/> classes.</summary>
    public DataLoaderOptions TrainLoading(int numClasses) => new()
    {
        BatchSize = Options.BatchSize, Shuffle = true, Seed = Options.Seed, Workers = Options.Workers,
        BatchTransform = TrainingRecipe.CreateBatchTransform(numClasses) is { } mixing ? BatchHooks.From(mixing) : null,
    };

    /// <summary>Loader options for evaluation: batches of at least <paramref name="minimumBatchSize"/>, in order.</summary>
    public DataLoaderOptions EvalLoading(int minimumBatchSize) => new() { BatchSize = Math.Max(Options.BatchSize, minimumBatchSize), Workers = Options.Workers };

    /// <summary>The run's checkpoint and log directory: the resumed checkpoint itself, or the first free
    /// <c>OutputDirectory/stem.ckpt</c> (stem-2.ckpt, ...); logs in <see cref="RunOptions.LogDirectory"/>, else beside the
    /// checkpoint in a folder named after it.</summary>
    public RunPaths Paths(string stem)
    {
        string checkpoint = Options.Resume is { } resume ? Path.GetFullPath(resume) : CheckpointPaths.NextFree(Options.OutputDirectory, stem);
        return new RunPaths(checkpoint, Path.GetFullPath(Options.LogDirectory ?? RunResume.DefaultLogDirectory(checkpoint)));
    }

    /// <summary>The trainer's options: epochs, learning rate, optimizer, seed, device, precision, memory format, the
    /// checkpoint to resume from and the recipe's weight decay, label smoothing, accumulation and clipping.</summary>
    public TrainerOptions TrainerOptions(Func<ImageClassifier, IReadOnlyList<ParameterGroup>>? parameterGroups = null) => TrainingRecipe.ApplyTo(new()
    {
        Epochs = Options.Epochs, LearningRate = Options.LearningRate, Optimizer = Options.Optimizer, Seed = Options.Seed,
        Device = Options.Device, Precision = Options.Precision, ResumeFrom = Options.Resume, ParameterGroups = parameterGroups,
        MemoryFormat = Options.MemoryFormat,
    });

    /// <summary>The best epoch's checkpoint beside <paramref name="paths"/>' one when the recipe keeps it, else null.</summary>
    public string? BestCheckpoint(RunPaths paths) =>
        TrainingRecipe.SaveBest is null ? null : TrainingRecipe.BestCheckpointPath((paths ?? throw new ArgumentNullException(nameof(paths))).Checkpoint);

    /// <summary>A <see cref="Trainer"/> with the run's callbacks. <paramref name="checkpoint"/> is the metadata every saved
    /// checkpoint carries (model, options, classes, normalisation...); the epoch, the metrics, the fine-tune recipe and the
    /// training state are filled in at each save. More callbacks can be added to the result.</summary>
    public Trainer BuildTrainer(RunPaths paths, CheckpointInfo checkpoint, Func<ImageClassifier, IReadOnlyList<ParameterGroup>>? parameterGroups = null,
        IProgress<TrainingProgress>? steps = null, IProgress<EpochMetrics>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointInfo template = checkpoint with { Finetune = Recipe };
        Func<int, EpochMetrics?, CheckpointInfo> info = (epoch, m) => template with
        {
            Epoch = epoch,
            Metrics = m is null ? null : new Dictionary<string, double>
            {
                ["train_loss"] = m.TrainLoss, ["train_accuracy"] = m.TrainAccuracy, ["eval_accuracy"] = m.EvalAccuracy ?? double.NaN,
            },
        };
        Trainer trainer = new Trainer(TrainerOptions(parameterGroups))
            .Add(new ProgressCallback(steps, epochs))
            .Add(new MetricsLogger(paths.LogDirectory))
            .Add(new TrainingPlotCallback(paths.Plot))
            .Add(new CheckpointCallback(paths.Checkpoint, info, everyEpoch: true));   // every epoch, so an interrupted run can --resume
        foreach (ITrainerCallback callback in TrainingRecipe.CreateCallbacks(paths.Checkpoint, info, checkpoint.Classes)) trainer.Add(callback);
        return trainer;
    }

    /// <summary>Builds the trainer (<see cref="BuildTrainer"/>) and fits <paramref name="model"/> on a worker thread.</summary>
    public Task<TrainingResult> FitAsync(ImageClassifier model, DataLoader train, DataLoader? eval, RunPaths paths, CheckpointInfo checkpoint,
        Func<ImageClassifier, IReadOnlyList<ParameterGroup>>? parameterGroups = null, IProgress<TrainingProgress>? steps = null,
        IProgress<EpochMetrics>? epochs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        Trainer trainer = BuildTrainer(paths, checkpoint, parameterGroups, steps, epochs);
        return Task.Run(() => trainer.Fit(model, train, eval, cancellationToken), cancellationToken);
    }

    private static void Validate(RunOptions o)
    {
        if (o.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(o), o.Epochs, "Epochs must be >= 1.");
        if (o.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(o), o.BatchSize, "BatchSize must be >= 1.");
        if (!(o.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(o), o.LearningRate, "LearningRate must be > 0.");
        if (o.Workers < 0) throw new ArgumentOutOfRangeException(nameof(o), o.Workers, "Workers must be >= 0.");
        if (o.Threads is < 1) throw new ArgumentOutOfRangeException(nameof(o), o.Threads, "Threads must be >= 1.");
        new TrainerOptions { Epochs = o.Epochs, LearningRate = o.LearningRate, Precision = o.Precision }.Validate();   // the precision name, before any data is read
        o.Recipe?.Validate();
    }
}
