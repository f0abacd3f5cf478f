using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Jobs;

/// <summary>Checks that a `--resume` checkpoint can continue the run the options describe: same job, model, dataset and
/// (fine-tuning) recipe, optimizer state present, epochs still to train.</summary>
internal static class RunResume
{
    /// <param name="recipe">The fine-tune the options describe; null for a train run.</param>
    public static CheckpointInfo Check(RunOptions options, string model, string path, FinetuneRecipe? recipe)
    {
        CheckpointInfo info = Checkpoint.ReadInfo(path);
        if (info.Training is not { HasOptimizerState: true })
            throw new InvalidOperationException($"Cannot resume from {path}: it has no optimizer state (a weights-only checkpoint, " +
                "or one written before resume existed). Start a new run, or fine-tune from it with 'modelzoo finetune'.");
        if (recipe is null && info.Finetune is not null)
            throw new InvalidOperationException($"Cannot resume from {path} with 'modelzoo train': it was written by a fine-tune. " +
                $"Continue it with 'modelzoo finetune --resume {path}'.");
        if (recipe is not null && info.Finetune is null)
            throw new InvalidOperationException($"Cannot resume from {path} as a fine-tune: it was written by 'modelzoo train'. " +
                $"Continue it with 'modelzoo train --resume {path}', or fine-tune from it with --weights {path}.");
        if (!string.Equals(info.Model, model, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Cannot resume from {path}: it was trained with model '{info.Model}', but the command " +
                $"asks for '{model}'. Pass --model {info.Model} (or leave --model out).");
        if (info.Dataset is { } dataset && !string.Equals(dataset, options.Dataset, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Cannot resume from {path}: it was trained on dataset '{dataset}', but the command " +
                $"asks for '{options.Dataset}'. Pass --dataset {dataset} (or leave --dataset out).");
        if (recipe is not null && info.Finetune!.FirstDifference(recipe) is { } d)
            throw new InvalidOperationException($"Cannot resume from {path}: it was fine-tuned with {d.Option} '{d.Saved}', but the command " +
                $"asks for '{d.Asked}'. Pass the first run's value (or leave {d.Option} out).");
        if (options.Epochs <= info.Epoch)
            throw new InvalidOperationException($"Cannot resume from {path}: it has already trained {info.Epoch} epoch(s); " +
                $"--epochs is the total to reach, so pass --epochs greater than {info.Epoch}.");
        return info;
    }

    /// <summary>The default log directory: beside the checkpoint, named after it (runs/lenet5-synthetic.ckpt → runs/lenet5-synthetic/).</summary>
    public static string DefaultLogDirectory(string checkpoint) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpoint))!, Path.GetFileNameWithoutExtension(checkpoint));
}
