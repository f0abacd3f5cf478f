using ModelZoo.Models.Pretrained;

namespace ModelZoo.Training.Jobs;

/// <summary>Everything `modelzoo finetune` can be told: the pretrained model and how to adapt it, and the
/// <see cref="RunOptions"/> every run shares. Defaults: ImageFolder data, frozen backbone, 3 epochs, batch 32, SGD with
/// momentum 0.9, head learning rate 0.01, backbone learning rate a tenth of it (when not frozen).</summary>
public sealed record FinetuneJobOptions : RunOptions
{
    public FinetuneJobOptions()
    {
        Dataset = "imagefolder";
        Epochs = 3;
        BatchSize = 32;
    }

    /// <summary>Registered model name.</summary>
    public required string Model { get; init; }

    /// <summary>Starting weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...), a torch.save file (.pth/.pt), or a ModelZoo
    /// checkpoint (.ckpt from `modelzoo train` or an earlier fine-tune). A resumed fine-tune loads them again and then
    /// its checkpoint's weights, so the model is built exactly as in the first run.</summary>
    public required string Weights { get; init; }

    /// <summary>What not to train: "backbone" (everything but the new head), "none", or a comma list of module paths
    /// ("conv1,bn1,layer1").</summary>
    public string Freeze { get; init; } = "backbone";

    /// <summary>Keep only these classes (names or indices), relabelled in this order; null keeps all. Applied after
    /// <see cref="RunOptions.TrainRange"/> and <see cref="RunOptions.EvalRange"/>.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>At most this many training items (after class filtering, in dataset order).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Learning rate of trainable backbone parameters (default <see cref="RunOptions.LearningRate"/> / 10).</summary>
    public double? BackboneLearningRate { get; init; }

    /// <summary>Options for building the model around a plain weights file (InputSize, InChannels...).</summary>
    public ModelOptions ModelOptions { get; init; } = new();

    /// <summary>Where catalog weights are cached and downloaded from.</summary>
    public WeightsCacheOptions Cache { get; init; } = new();

    /// <summary>How a plain weights file's tensors are matched and checked (key-map rules, matching by position, NaN and
    /// infinite values); see <see cref="Models.Weights.Loading.LoadOptions"/>.</summary>
    public Models.Weights.Loading.LoadOptions Loading { get; init; } = new();
}
