using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Training.Transfer;

/// <summary>Everything `modelzoo finetune` can be told. Defaults: ImageFolder data, frozen backbone, 3 epochs, SGD with
/// momentum 0.9, head learning rate 0.01, backbone learning rate a tenth of it (when not frozen).</summary>
public sealed record FinetuneJobOptions
{
    /// <summary>Registered model name.</summary>
    public required string Model { get; init; }

    /// <summary>Starting weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...), a torch.save file (.pth/.pt), or a ModelZoo
    /// checkpoint (.ckpt from `modelzoo train` or an earlier fine-tune).</summary>
    public required string Weights { get; init; }

    /// <summary>A dataset of <see cref="ModelZoo.Data.DatasetCatalog"/>: imagefolder (train/ and val/ class folders, or one
    /// tree split 80/20 at random), synthetic, mnist, fashion-mnist, kmnist.</summary>
    public string Dataset { get; init; } = "imagefolder";

    public string? DataDirectory { get; init; }

    /// <summary>What not to train: "backbone" (everything but the new head), "none", or a comma list of module paths
    /// ("conv1,bn1,layer1").</summary>
    public string Freeze { get; init; } = "backbone";

    /// <summary>Keep only these classes (names or indices), relabelled in this order; null keeps all.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Items of the split used for training (catalog datasets; default the first 80 %), before class filtering.</summary>
    public IndexRange? TrainRange { get; init; }

    /// <summary>Items used for evaluation (default the last 20 %).</summary>
    public IndexRange? EvalRange { get; init; }

    /// <summary>At most this many training items (after class filtering, in dataset order).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Training augmentation (<see cref="ModelZoo.Data.Transforms.Presets.AugmentNames"/>); null = imagenet for
    /// image folders, none for fixed-size datasets.</summary>
    public string? Augment { get; init; }

    /// <summary>Data loader worker threads (0 = load on the training thread).</summary>
    public int Workers { get; init; }

    public int Epochs { get; init; } = 3;
    public int BatchSize { get; init; } = 32;

    /// <summary>Learning rate of the new head.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Learning rate of trainable backbone parameters (default <see cref="LearningRate"/> / 10).</summary>
    public double? BackboneLearningRate { get; init; }

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;
    public long Seed { get; init; }
    public string OutputDirectory { get; init; } = "runs";
    public string? Device { get; init; }

    /// <summary>libtorch intra-op CPU threads (null = libtorch's default).</summary>
    public int? Threads { get; init; }

    /// <summary>Options for building the model around a plain weights file (InputSize, InChannels...).</summary>
    public ModelOptions ModelOptions { get; init; } = new();

    /// <summary>Where catalog weights are cached and downloaded from.</summary>
    public WeightsCacheOptions Cache { get; init; } = new();

    /// <summary>Download missing MNIST-family files (default true).</summary>
    public bool Download { get; init; } = true;

    /// <summary>Mirrors for dataset downloads (tests use a loopback server).</summary>
    public IReadOnlyList<string>? Mirrors { get; init; }
}
