namespace ModelZoo.Training.Jobs;

/// <summary>Everything `modelzoo train` can be told; defaults give the README's main job (LeNet-5 on the synthetic set).</summary>
public sealed record TrainJobOptions
{
    public string Model { get; init; } = "lenet5";
    public string Dataset { get; init; } = "synthetic";
    public string? DataDirectory { get; init; }

    /// <summary>Training items of the split; default the first 80 %.</summary>
    public IndexRange? TrainRange { get; init; }

    /// <summary>Evaluation items of the split; default the last 20 %.</summary>
    public IndexRange? EvalRange { get; init; }

    /// <summary>Training augmentation preset: none, basic, imagenet, trivialaugment (default: none for fixed-size
    /// datasets, imagenet for ImageFolder).</summary>
    public string? Augment { get; init; }

    /// <summary>Data loader worker threads (0 = load on the training thread).</summary>
    public int Workers { get; init; }

    public int Epochs { get; init; } = 5;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 0.01;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    public long Seed { get; init; }
    public string OutputDirectory { get; init; } = "runs";
    public string? Device { get; init; }

    /// <summary>Numeric precision: fp32 (default), bf16-mixed or fp16-mixed.</summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>Layout of weights and inputs while training (default Auto; see <see cref="TrainerOptions.MemoryFormat"/>).</summary>
    public ModelZoo.Models.Layout.MemoryFormat MemoryFormat { get; init; } = ModelZoo.Models.Layout.MemoryFormat.Auto;

    /// <summary>libtorch intra-op CPU threads; null keeps libtorch's default (one per core). On a busy machine 1 avoids
    /// OpenMP oversubscription, which can slow steps down many times over.</summary>
    public int? Threads { get; init; }

    /// <summary>Download missing MNIST-family files (default true).</summary>
    public bool Download { get; init; } = true;

    /// <summary>A checkpoint of an earlier `train` run to continue (weights, optimizer state, history) up to
    /// <see cref="Epochs"/> in total; the run keeps its seed and checkpoint file. Model and dataset must match.</summary>
    public string? Resume { get; init; }

    /// <summary>Where metrics.csv, metrics.jsonl and curves.png go; null (default) = beside the checkpoint, in a folder
    /// named after it (runs/lenet5-synthetic.ckpt → runs/lenet5-synthetic/).</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Mirrors to download from instead of the official ones (tests use a loopback server).</summary>
    public IReadOnlyList<string>? Mirrors { get; init; }
}
