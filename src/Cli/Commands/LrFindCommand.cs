using ModelZoo.Training.Tuning;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo lr-find`: fastai's learning-rate range test on a model and dataset; prints the suggested rate.</summary>
internal static class LrFindCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new LrFindJobOptions();
        Option<string> model = CommonOptions.Model(defaults.Model);
        Option<string> dataset = CommonOptions.Dataset(defaults.Dataset);
        Option<string?> dataDir = CommonOptions.DataDir();
        Option<IndexRange?> trainRange = CommonOptions.Range("--train-range", "Training items of the split (default: first 80%)");
        Option<int> batchSize = CommonOptions.BatchSize(defaults.BatchSize);
        Option<string> optimizer = CommonOptions.Optimizer();
        Option<string> precision = CommonOptions.Precision();
        Option<long> seed = CommonOptions.Seed("Seed of initialisation and shuffling.");
        Option<string?> device = CommonOptions.Device();
        Option<int?> threads = CommonOptions.Threads();
        Option<int> workers = CommonOptions.Workers();
        Option<string?> augment = CommonOptions.Augment("Training augmentation, as for 'train'.");
        Option<bool> json = CommonOptions.Json();
        var startLr = Positive("--start-lr", "Rate of the first step.", defaults.Finder.StartLearningRate);
        var endLr = Positive("--end-lr", "Rate of the last step (> --start-lr).", defaults.Finder.EndLearningRate);
        var iterations = new Option<int>("--iterations") { Description = "Steps of the sweep, 5 to 100000.", DefaultValueFactory = _ => defaults.Finder.Iterations };
        iterations.Validators.Add(r =>
        {
            try { if (r.GetValueOrDefault<int>() is var v && (v < 5 || v > 100_000)) r.AddError($"--iterations must be between 5 and 100000; got {v}."); }
            catch (InvalidOperationException) { }
        });
        var weightDecay = new Option<double>("--weight-decay") { Description = "Weight decay, >= 0.", DefaultValueFactory = _ => 0 };
        weightDecay.Validators.Add(r =>
        {
            try { if (r.GetValueOrDefault<double>() is var v && !(v >= 0)) r.AddError($"--weight-decay must be >= 0; got {v}."); }
            catch (InvalidOperationException) { }
        });
        var plot = new Option<string?>("--plot") { Description = "Write the loss-versus-rate plot (PNG) here (default: lr-find.png in the working directory; 'none' for no plot)." };
        var command = new Command("lr-find", "Learning-rate range test (fastai lr_find): sweep the rate from 1e-7 to 10 and suggest one.")
        {
            model, dataset, dataDir, trainRange, batchSize, optimizer, weightDecay, precision, seed, device, threads, workers, augment,
            startLr, endLr, iterations, plot, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            string? plotPath = parse.GetValue(plot) is { } p ? (p == "none" ? null : p) : "lr-find.png";
            var options = new LrFindJobOptions
            {
                Model = parse.GetValue(model)!, Dataset = parse.GetValue(dataset)!, DataDirectory = parse.GetValue(dataDir), TrainRange = parse.GetValue(trainRange),
                BatchSize = parse.GetValue(batchSize), Optimizer = Enum.Parse<OptimizerKind>(parse.GetValue(optimizer)!, ignoreCase: true),
                WeightDecay = parse.GetValue(weightDecay), Precision = parse.GetValue(precision)!, Seed = parse.GetValue(seed), Device = parse.GetValue(device),
                Threads = parse.GetValue(threads), Workers = parse.GetValue(workers), Augment = parse.GetValue(augment), Plot = plotPath,
                Finder = new LearningRateFinderOptions
                {
                    StartLearningRate = parse.GetValue(startLr), EndLearningRate = parse.GetValue(endLr), Iterations = parse.GetValue(iterations),
                },
            };
            if (!(options.Finder.EndLearningRate > options.Finder.StartLearningRate))
                throw new ArgumentException($"--end-lr ({options.Finder.EndLearningRate}) must be larger than --start-lr ({options.Finder.StartLearningRate}).");
            LearningRateFinderResult r = await Task.Run(() => LrFindJob.Run(options, ct), ct).ConfigureAwait(false);
            string? plotFull = plotPath is null ? null : Path.GetFullPath(plotPath);
            await context.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["model"] = options.Model, ["dataset"] = options.Dataset, ["suggested_lr"] = r.SuggestedLearningRate, ["minimum_lr"] = r.MinimumLearningRate,
                    ["steps"] = r.LearningRates.Count, ["diverged"] = r.Diverged, ["plot"] = plotFull,
                    ["lrs"] = r.LearningRates, ["losses"] = r.SmoothedLosses.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray(),
                    ["raw_losses"] = r.Losses.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray(),
                })
                : string.Create(CultureInfo.InvariantCulture,
                    $"suggested learning rate {r.SuggestedLearningRate:G3} (steepest descent; loss minimum at {r.MinimumLearningRate:G3}), {r.LearningRates.Count} steps{(r.Diverged ? ", stopped on divergence" : "")}{(plotFull is null ? "" : $". Plot: {plotFull}")}")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Option<double> Positive(string name, string description, double defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            try { if (r.GetValueOrDefault<double>() is var v && !(v > 0 && double.IsFinite(v))) r.AddError($"{name} must be a finite number > 0; got {v}."); }
            catch (InvalidOperationException) { }
        });
        return option;
    }
}
