namespace ModelZoo.Training.Jobs;

/// <summary>
/// What every training run is told, whichever job runs it (<see cref="TrainJobOptions"/> for `modelzoo train`,
/// <see cref="FinetuneJobOptions"/> for `modelzoo finetune`): the data, the loop, the precision, where the checkpoint
/// and the logs go, and the run to resume. <see cref="RunBuilder"/> turns them into a <see cref="Trainer"/> with the
/// same callbacks for both jobs. The defaults below are the train job's; a job's options record may set its own.
/// </summary>
public abstract record RunOptions
{
    /// <summary>A dataset of <see cref="ModelZoo.Data.Catalog.DatasetCatalog"/>: synthetic (default), mnist, fashion-mnist,
    /// kmnist, cifar10, cifar100, imagefolder.</summary>
    public string Dataset { get; init; } = "synthetic";

    /// <summary>Folder of the dataset's files (MNIST family and CIFAR: downloaded into it when missing).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Training items of the split; default the first 80 % (or all of a separate training split: CIFAR's
    /// data batches, an ImageFolder's train/).</summary>
    public IndexRange? TrainRange { get; init; }

    /// <summary>Evaluation items; default the last 20 % (or all of a separate evaluation split: CIFAR's test batch, an
    /// ImageFolder's val/).</summary>
    public IndexRange? EvalRange { get; init; }

    /// <summary>Training augmentation preset: none, basic, imagenet, trivialaugment (default: none for fixed-size
    /// datasets, imagenet for ImageFolder).</summary>
    public string? Augment { get; init; }

    /// <summary>Data loader worker threads (0 = load on the training thread).</summary>
    public int Workers { get; init; }

    /// <summary>Epochs to reach in total (a resumed run continues up to it); default 5.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Samples per step; default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Learning rate (fine-tuning: of the new head); default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Optimizer; default SGD with momentum 0.9.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Seed of initialisation, shuffling, augmentation and splits (a resumed run keeps its checkpoint's).</summary>
    public long Seed { get; init; }

    /// <summary>Directory of the checkpoint (default "runs"); a new run never replaces an earlier run's file.</summary>
    public string OutputDirectory { get; init; } = "runs";

    /// <summary>Device name ("cpu", "cuda", "cuda:1"); null picks CUDA when present, else CPU.</summary>
    public string? Device { get; init; }

    /// <summary>Numeric precision: fp32 (default), bf16-mixed or fp16-mixed.</summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>libtorch intra-op CPU threads; null keeps libtorch's default (one per core). On a busy machine 1 avoids
    /// OpenMP oversubscription, which can slow steps down many times over.</summary>
    public int? Threads { get; init; }

    /// <summary>Download missing MNIST-family and CIFAR files (default true).</summary>
    public bool Download { get; init; } = true;

    /// <summary>A checkpoint of an earlier run of the same job to continue (weights, optimizer state, history) up to
    /// <see cref="Epochs"/> in total; the run keeps its seed, checkpoint file and model. Model and dataset must match.</summary>
    public string? Resume { get; init; }

    /// <summary>Where metrics.csv, metrics.jsonl and curves.png go; null (default) = beside the checkpoint, in a folder
    /// named after it (runs/lenet5-synthetic.ckpt → runs/lenet5-synthetic/).</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Schedule, regularisation, EMA, MixUp/CutMix, early stopping, best checkpoint and TensorBoard
    /// (<see cref="Recipes.TrainingRecipe"/>); null (default) = none of them.</summary>
    public Recipes.TrainingRecipe? Recipe { get; init; }

    /// <summary>Mirrors to download dataset files from instead of the official ones (tests use a loopback server).</summary>
    public IReadOnlyList<string>? Mirrors { get; init; }
}
