using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo finetune`: new head on pretrained weights, optionally frozen backbone, trained on a dataset; the
/// run options (precision, resume, logs, ...) are those of `modelzoo train`.</summary>
internal static class FinetuneCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new FinetuneJobOptions { Model = "", Weights = "" };
        var model = new Option<string>("--model", "-m") { Description = "Registered model name (see 'modelzoo models'). Required unless --resume." };
        var weights = new Option<string>("--weights", "-w")
        {
            Description = "Starting weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...), a .pth/.pt file, or a .ckpt from 'modelzoo train'. " +
                "Required unless --resume (which uses the first run's).",
        };
        var run = new RunCommandOptions(defaults, "Seed of the new head, shuffling and splits.", "Learning rate of the new head.");
        var freeze = new Option<string>("--freeze")
        {
            Description = "What not to train: backbone (all but the new head), none, or a comma list of module paths (e.g. conv1,bn1,layer1).",
            DefaultValueFactory = _ => defaults.Freeze,
        };
        var classes = new Option<string?>("--classes") { Description = "Keep only these classes (comma list of names or indices), relabelled in this order (applied after the ranges)." };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use at most this many training items (after --classes)." };
        var backboneLr = new Option<double?>("--backbone-lr") { Description = "Learning rate of unfrozen backbone layers (default: --lr / 10)." };
        Option<int?> numClasses = ModelShapeOptions.NumClasses();
        Option<int?> inChannels = ModelShapeOptions.InChannels();
        Option<int?> inputSize = ModelShapeOptions.InputSize();
        Option<bool> json = CommonOptions.Json();
        var loading = new WeightsLoadingOptions();

        var command = new Command("finetune", "Fine-tune pretrained weights on a dataset: new classifier, frozen backbone by default.")
        {
            model, weights, freeze, classes, trainLimit, backboneLr,
        };
        run.AddTo(command);
        foreach (Option option in new Option[] { numClasses, inChannels, inputSize, json }) command.Options.Add(option);
        loading.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetResult(run.Resume) is not null) return;
            foreach (Option required in new Option[] { model, weights })
                if (r.GetResult(required) is null) r.AddError($"Option '{required.Name}' is required (unless --resume continues a fine-tune).");
        });
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(backboneLr) is < 0) throw new ArgumentException("--backbone-lr must be >= 0.");
            if (parse.GetValue(trainLimit) is < 1) throw new ArgumentException("--train-limit must be >= 1.");
            FinetuneJobOptions options = run.Read(parse, new FinetuneJobOptions
            {
                Model = parse.GetValue(model) ?? "", Weights = parse.GetValue(weights) ?? "", Freeze = parse.GetValue(freeze)!,
                Classes = parse.GetValue(classes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                TrainLimit = parse.GetValue(trainLimit), BackboneLearningRate = parse.GetValue(backboneLr),
                ModelOptions = ModelShapeOptions.Read(parse, numClasses, inChannels, inputSize),
                Loading = loading.Read(parse),
            });
            if (run.ResumeInfo(parse) is { } info)
                options = ResumeDefaults(parse, run.ResumeDefaults(parse, options, info), info, model, weights, freeze, classes, trainLimit,
                    new Option[] { numClasses, inChannels, inputSize });
            var console = new TrainingConsole(context);
            FinetuneJobResult result = await console.RunAsync("fine-tuning",
                () => FinetuneJob.RunAsync(options, console.Steps, console.Epochs, new DownloadConsole(context).Progress, ct)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["model"] = result.Model, ["weights"] = result.Weights, ["dataset"] = options.Dataset, ["classes"] = result.Classes,
                    ["train_items"] = result.TrainItems, ["eval_items"] = result.EvalItems, ["freeze"] = options.Freeze,
                    ["trainable_parameters"] = result.TrainableParameters, ["total_parameters"] = result.TotalParameters,
                    ["epochs"] = result.Epochs, ["train_loss"] = Math.Round(result.TrainLoss, 6),
                    ["eval_accuracy"] = Math.Round(result.EvalAccuracy, 6), ["seconds"] = Math.Round(result.Seconds, 3),
                    ["checkpoint"] = result.Checkpoint, ["metrics_csv"] = result.MetricsCsv!, ["plot"] = result.Plot!,
                    ["best_checkpoint"] = result.BestCheckpoint!, ["stop_reason"] = result.StopReason!,
                })).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Model} from {result.Weights}: {result.Classes.Count} classes, {result.TrainableParameters:N0} of {result.TotalParameters:N0} parameters trained; "
                    + $"eval accuracy {result.EvalAccuracy:P2} on {result.EvalItems} items, train loss {result.TrainLoss:F4}, {result.Epochs} epoch(s) in {result.Seconds:F1} s. "
                    + $"Checkpoint: {result.Checkpoint}. Logs: {Path.GetDirectoryName(result.MetricsCsv)}")).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    /// <summary>With --resume, the model and the fine-tune recipe (weights, freeze, classes, train limit, model shape) default
    /// to the checkpoint's; the job rejects explicit values that differ.</summary>
    private static FinetuneJobOptions ResumeDefaults(ParseResult parse, FinetuneJobOptions options, CheckpointInfo info, Option model,
        Option weights, Option freeze, Option classes, Option trainLimit, Option[] shape)
    {
        if (RunCommandOptions.IsImplicit(parse, model)) options = options with { Model = info.Model };
        if (info.Finetune is not { } recipe) return options;   // the job explains that a train checkpoint resumes with 'train'
        if (RunCommandOptions.IsImplicit(parse, weights)) options = options with { Weights = recipe.Weights };
        if (RunCommandOptions.IsImplicit(parse, freeze)) options = options with { Freeze = recipe.Freeze };
        if (RunCommandOptions.IsImplicit(parse, classes)) options = options with { Classes = recipe.Classes };
        if (RunCommandOptions.IsImplicit(parse, trainLimit)) options = options with { TrainLimit = recipe.TrainLimit };
        if (shape.All(o => RunCommandOptions.IsImplicit(parse, o))) options = options with { ModelOptions = recipe.ModelOptions };
        return options;
    }
}
