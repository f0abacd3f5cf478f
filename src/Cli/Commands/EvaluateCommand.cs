namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo evaluate`: accuracy of saved weights on a dataset range.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> model = CommonOptions.RequiredModel();
        var weights = new Option<string>("--weights", "-w") { Description = "Checkpoint written by 'modelzoo train', a PyTorch .pth / safetensors / TorchSharp weights file for the model, or a catalog weights name (DEFAULT, IMAGENET1K_V1, ...).", Required = true };
        Option<string> dataset = CommonOptions.Dataset(null);
        Option<string?> dataDir = CommonOptions.DataDir();
        Option<IndexRange?> evalRange = CommonOptions.Range("--eval-range", "Items to evaluate (default: the whole split)");
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per batch.", DefaultValueFactory = _ => 256 };
        Option<int> workers = CommonOptions.Workers();
        Option<bool> json = CommonOptions.Json();
        var preprocessing = new PreprocessingOptions("the dataset fitted to the model as in training, with the checkpoint's or the dataset's mean/std.");
        var loading = new WeightsLoadingOptions();
        var report = new EvaluationReportOptions();
        var command = new Command("evaluate", "Evaluate saved weights on a dataset.") { model, weights, dataset, dataDir, evalRange, batchSize, workers, json };
        preprocessing.AddTo(command);
        loading.AddTo(command);
        report.AddTo(command);
        SpeedOptions speed = SpeedOptions.ForInference();
        speed.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new EvaluateJobOptions
            {
                Model = parse.GetValue(model)!, Weights = parse.GetValue(weights)!, Dataset = parse.GetValue(dataset)!,
                DataDirectory = parse.GetValue(dataDir), Range = parse.GetValue(evalRange), BatchSize = parse.GetValue(batchSize),
                Workers = parse.GetValue(workers), Preprocessing = preprocessing.Read(parse), Loading = loading.Read(parse),
                Inference = speed.Read(parse),
            };
            EvaluateJobResult result = EvaluateJob.Run(options, ct);
            await WeightsLoadingOptions.ReportAsync(context, options.Loading, result.Load).ConfigureAwait(false);
            EvaluationResult r = result.Evaluation;
            context.Output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["model"] = parse.GetValue(model)!, ["weights"] = parse.GetValue(weights)!, ["dataset"] = parse.GetValue(dataset)!,
                    ["count"] = r.Count, ["correct"] = r.Correct, ["accuracy"] = Math.Round(r.Accuracy, 6), ["loss"] = Math.Round(r.Loss, 6),
                }.Concat(EvaluationReportOptions.JsonFields(r)).ToDictionary())
                : string.Create(CultureInfo.InvariantCulture, $"accuracy {r.Accuracy:P2} ({r.Correct}/{r.Count}), loss {r.Loss:F4}") + EvaluationReportOptions.Text(r));
            report.Write(parse, r);
            return 0;
        });
        return command;
    }
}
