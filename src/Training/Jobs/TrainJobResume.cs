using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Jobs;

/// <summary>Checks that a `train --resume` checkpoint can continue the run the options describe.</summary>
internal static class TrainJobResume
{
    public static CheckpointInfo Check(TrainJobOptions options, string model, string path)
    {
        CheckpointInfo info = Checkpoint.ReadInfo(path);
        if (info.Training is not { HasOptimizerState: true })
            throw new InvalidOperationException($"Cannot resume from {path}: it has no optimizer state (a weights-only checkpoint, " +
                "or one written before resume existed). Start a new run, or fine-tune from it with 'modelzoo finetune'.");
        if (!string.Equals(info.Model, model, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Cannot resume from {path}: it was trained with model '{info.Model}', but the command " +
                $"asks for '{model}'. Pass --model {info.Model} (or leave --model out).");
        if (info.Dataset is { } dataset && !string.Equals(dataset, options.Dataset, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Cannot resume from {path}: it was trained on dataset '{dataset}', but the command " +
                $"asks for '{options.Dataset}'. Pass --dataset {dataset} (or leave --dataset out).");
        if (options.Epochs <= info.Epoch)
            throw new InvalidOperationException($"Cannot resume from {path}: it has already trained {info.Epoch} epoch(s); " +
                $"--epochs is the total to reach, so pass --epochs greater than {info.Epoch}.");
        return info;
    }

    /// <summary>The default log directory: beside the checkpoint, named after it (runs/lenet5-synthetic.ckpt → runs/lenet5-synthetic/).</summary>
    public static string DefaultLogDirectory(string checkpoint) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpoint))!, Path.GetFileNameWithoutExtension(checkpoint));
}
