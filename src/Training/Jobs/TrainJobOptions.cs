namespace ModelZoo.Training.Jobs;

/// <summary>Everything `modelzoo train` can be told: the model, and the <see cref="RunOptions"/> every run shares.
/// The defaults give the README's main job (LeNet-5 on the synthetic set, 5 epochs, batch 64).</summary>
public sealed record TrainJobOptions : RunOptions
{
    /// <summary>Registered model name (default lenet5).</summary>
    public string Model { get; init; } = "lenet5";
}
