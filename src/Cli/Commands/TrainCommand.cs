namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo train`: trains a registered model on a dataset and saves a checkpoint.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new TrainJobOptions();
        Option<string> model = CommonOptions.Model(defaults.Model);
        var run = new RunCommandOptions(defaults, "Seed of initialisation, shuffling and the synthetic data.", "Learning rate.");
        Option<bool> json = CommonOptions.Json();

        var command = new Command("train", "Train a model (default: LeNet-5 on the embedded synthetic shapes, no download).") { model };
        run.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            TrainJobOptions options = run.Read(parse, new TrainJobOptions { Model = parse.GetValue(model)! });
            if (run.ResumeInfo(parse) is { } info)
            {
                options = run.ResumeDefaults(parse, options, info);
                if (RunCommandOptions.IsImplicit(parse, model)) options = options with { Model = info.Model };   // the job rejects an explicit one that differs
            }
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
                    ["best_checkpoint"] = result.BestCheckpoint!, ["stop_reason"] = result.StopReason!,
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
}
