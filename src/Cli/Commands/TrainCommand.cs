using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using ModelZoo.Cli.Output;
using ModelZoo.Training;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo train`: trains a registered model on a dataset and saves a checkpoint.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new TrainJobOptions();
        Option<string> model = CommonOptions.Model(defaults.Model);
        Option<string> dataset = CommonOptions.Dataset(defaults.Dataset);
        Option<string?> dataDir = CommonOptions.DataDir();
        Option<IndexRange?> trainRange = CommonOptions.Range("--train-range", "Training items of the split (default: first 80%)");
        Option<IndexRange?> evalRange = CommonOptions.Range("--eval-range", "Evaluation items of the split (default: last 20%)");
        Option<int> epochs = CommonOptions.Epochs(defaults.Epochs);
        Option<int> batchSize = CommonOptions.BatchSize(defaults.BatchSize);
        Option<double> lr = CommonOptions.LearningRate(defaults.LearningRate, "Learning rate.");
        Option<string> optimizer = CommonOptions.Optimizer();
        Option<long> seed = CommonOptions.Seed("Seed of initialisation, shuffling and the synthetic data.");
        Option<string> outDir = CommonOptions.Out(defaults.OutputDirectory);
        Option<string?> device = CommonOptions.Device();
        Option<string?> augment = CommonOptions.Augment(
            "Training augmentation: none, basic (random crop + flip), imagenet (random resized crop + flip + colour jitter), trivialaugment. Default: none, or imagenet for imagefolder.");
        Option<int> workers = CommonOptions.Workers();
        Option<int?> threads = CommonOptions.Threads();
        Option<bool> json = CommonOptions.Json();
        Option<string> precision = CommonOptions.Precision();
        Option<string> memoryFormat = SpeedOptions.MemoryFormatOption("Layout of weights and inputs while training (values and checkpoints are the same either way):");
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run saved in this checkpoint (weights, optimizer state, history) up to --epochs in total, " +
                "writing to the same checkpoint and log directory. Model, dataset and seed come from the checkpoint.",
        };
        var logDir = new Option<string?>("--log-dir")
        {
            Description = "Directory for metrics.csv, metrics.jsonl and curves.png (default: beside the checkpoint, named after it: runs/lenet5-synthetic/).",
        };

        var command = new Command("train", "Train a model (default: LeNet-5 on the embedded synthetic shapes, no download).")
        {
            model, dataset, dataDir, trainRange, evalRange, epochs, batchSize, lr, optimizer, seed, outDir, device, threads, augment, workers, json,
        };
        command.Options.Add(precision);
        command.Options.Add(memoryFormat);
        command.Options.Add(resume);
        command.Options.Add(logDir);
        command.SetAction(async (parse, ct) =>
        {
            int e = parse.GetValue(epochs), b = parse.GetValue(batchSize);
            double rate = parse.GetValue(lr);
            var options = new TrainJobOptions
            {
                Model = parse.GetValue(model)!, Dataset = parse.GetValue(dataset)!, DataDirectory = parse.GetValue(dataDir),
                TrainRange = parse.GetValue(trainRange), EvalRange = parse.GetValue(evalRange), Epochs = e, BatchSize = b,
                LearningRate = rate, Seed = parse.GetValue(seed), OutputDirectory = parse.GetValue(outDir)!, Device = parse.GetValue(device), Threads = parse.GetValue(threads),
                Augment = parse.GetValue(augment), Workers = parse.GetValue(workers),
                Optimizer = Enum.Parse<OptimizerKind>(parse.GetValue(optimizer)!, ignoreCase: true),
                Precision = parse.GetValue(precision)!,
                MemoryFormat = ModelZoo.Models.Layout.MemoryFormatNames.Parse(parse.GetValue(memoryFormat)!),
            };
            options = options with { Resume = parse.GetValue(resume), LogDirectory = parse.GetValue(logDir) };
            if (options.Resume is { } from) options = ResumeDefaults(options, from, parse.GetResult(model), parse.GetResult(dataset));
            var console = new TrainingConsole(context);
            TrainJobResult result = await console.RunAsync("training",
                () => TrainJob.RunAsync(options, console.Steps, console.Epochs, ct)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["model"] = result.Model, ["dataset"] = options.Dataset, ["epochs"] = result.Epochs,
                    ["train_loss"] = Math.Round(result.TrainLoss, 6), ["eval_accuracy"] = Math.Round(result.EvalAccuracy, 6),
                    ["seconds"] = Math.Round(result.Seconds, 3),
                    ["seconds_per_epoch"] = Math.Round(result.History.Average(h => h.Duration.TotalSeconds), 3),
                    ["checkpoint"] = result.Checkpoint,
                    ["metrics_csv"] = result.MetricsCsv!, ["plot"] = result.Plot!,
                })).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteLineAsync(FormattableString.Invariant(
                    $"{result.Model}: eval accuracy {result.EvalAccuracy:P2}, train loss {result.TrainLoss:F4}, {result.Epochs} epoch(s) in {result.Seconds:F1} s. Checkpoint: {result.Checkpoint}. Logs: {Path.GetDirectoryName(result.MetricsCsv)}")).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    /// <summary>With --resume, --model and --dataset default to the checkpoint's (the job rejects explicit ones that differ).</summary>
    private static TrainJobOptions ResumeDefaults(TrainJobOptions options, string checkpoint, OptionResult? model, OptionResult? dataset)
    {
        CheckpointInfo info = Checkpoint.ReadInfo(checkpoint);
        if (model is null || model.Implicit) options = options with { Model = info.Model };
        if ((dataset is null || dataset.Implicit) && info.Dataset is { } name) options = options with { Dataset = name };
        return options;
    }
}
