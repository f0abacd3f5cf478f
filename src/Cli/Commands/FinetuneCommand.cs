using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelZoo.Cli.Output;
using ModelZoo.Training;
using ModelZoo.Training.Jobs;
using ModelZoo.Training.Transfer;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo finetune`: new head on pretrained weights, optionally frozen backbone, trained on a dataset.</summary>
internal static class FinetuneCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new FinetuneJobOptions { Model = "", Weights = "" };
        Option<string> model = CommonOptions.RequiredModel();
        var weights = new Option<string>("--weights", "-w")
        {
            Description = "Starting weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...), a .pth/.pt file, or a .ckpt from 'modelzoo train'.",
            Required = true,
        };
        var dataset = new Option<string>("--dataset", "-d")
        {
            Description = "imagefolder (DIR/train and DIR/val class folders, or class folders split 80/20 at random), synthetic, mnist, fashion-mnist, kmnist.",
            DefaultValueFactory = _ => defaults.Dataset,
        };
        Option<string?> augment = CommonOptions.Augment(
            "Training augmentation: none, basic, imagenet, trivialaugment. Default: imagenet for imagefolder, none otherwise.");
        Option<int> workers = CommonOptions.Workers();
        Option<string?> dataDir = CommonOptions.DataDir();
        var freeze = new Option<string>("--freeze")
        {
            Description = "What not to train: backbone (all but the new head), none, or a comma list of module paths (e.g. conv1,bn1,layer1).",
            DefaultValueFactory = _ => defaults.Freeze,
        };
        var classes = new Option<string?>("--classes") { Description = "Keep only these classes (comma list of names or indices), relabelled in this order." };
        Option<IndexRange?> trainRange = CommonOptions.Range("--train-range", "Training items of a catalog dataset, before --classes (default: first 80%)");
        Option<IndexRange?> evalRange = CommonOptions.Range("--eval-range", "Evaluation items of a catalog dataset (default: last 20%)");
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use at most this many training items (after --classes)." };
        Option<int> epochs = CommonOptions.Epochs(defaults.Epochs);
        Option<int> batchSize = CommonOptions.BatchSize(defaults.BatchSize);
        Option<double> lr = CommonOptions.LearningRate(defaults.LearningRate, "Learning rate of the new head.");
        var backboneLr = new Option<double?>("--backbone-lr") { Description = "Learning rate of unfrozen backbone layers (default: --lr / 10)." };
        Option<string> optimizer = CommonOptions.Optimizer();
        Option<long> seed = CommonOptions.Seed("Seed of the new head, shuffling and splits.");
        Option<string> outDir = CommonOptions.Out(defaults.OutputDirectory);
        Option<string?> device = CommonOptions.Device();
        Option<int?> threads = CommonOptions.Threads();
        Option<int?> numClasses = ModelShapeOptions.NumClasses();
        Option<int?> inChannels = ModelShapeOptions.InChannels();
        Option<int?> inputSize = ModelShapeOptions.InputSize();
        Option<bool> json = CommonOptions.Json();

        var command = new Command("finetune", "Fine-tune pretrained weights on a dataset: new classifier, frozen backbone by default.")
        {
            model, weights, dataset, dataDir, freeze, classes, trainRange, evalRange, trainLimit, epochs, batchSize, lr, backboneLr,
            optimizer, seed, outDir, device, threads, augment, workers, numClasses, inChannels, inputSize, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            int e = parse.GetValue(epochs), b = parse.GetValue(batchSize);
            double rate = parse.GetValue(lr);
            if (parse.GetValue(backboneLr) is < 0) throw new ArgumentException("--backbone-lr must be >= 0.");
            if (parse.GetValue(trainLimit) is < 1) throw new ArgumentException("--train-limit must be >= 1.");
            var options = new FinetuneJobOptions
            {
                Model = parse.GetValue(model)!, Weights = parse.GetValue(weights)!, Dataset = parse.GetValue(dataset)!,
                DataDirectory = parse.GetValue(dataDir), Freeze = parse.GetValue(freeze)!,
                Classes = parse.GetValue(classes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                TrainRange = parse.GetValue(trainRange), EvalRange = parse.GetValue(evalRange), TrainLimit = parse.GetValue(trainLimit),
                Epochs = e, BatchSize = b, LearningRate = rate, BackboneLearningRate = parse.GetValue(backboneLr),
                Optimizer = Enum.Parse<OptimizerKind>(parse.GetValue(optimizer)!, ignoreCase: true), Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(outDir)!, Device = parse.GetValue(device), Threads = parse.GetValue(threads),
                Augment = parse.GetValue(augment), Workers = parse.GetValue(workers),
                ModelOptions = ModelShapeOptions.Read(parse, numClasses, inChannels, inputSize),
            };
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
                    ["checkpoint"] = result.Checkpoint,
                })).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Model} from {result.Weights}: {result.Classes.Count} classes, {result.TrainableParameters:N0} of {result.TotalParameters:N0} parameters trained; "
                    + $"eval accuracy {result.EvalAccuracy:P2} on {result.EvalItems} items, train loss {result.TrainLoss:F4}, {result.Epochs} epoch(s) in {result.Seconds:F1} s. "
                    + $"Checkpoint: {result.Checkpoint}")).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }
}
