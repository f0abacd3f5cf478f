using ModelZoo.Models;
using ModelZoo.Models.MlNetResNets;
using ModelZoo.Onnx.Export;
using ModelZoo.Onnx.Import;
using ModelZoo.Training.Jobs;
using ModelZoo.Tests;

namespace ModelZoo.Bench;

/// <summary>
/// Real transfer learning: hymenoptera-mini (ants vs bees, 20 train / 10 val) with ML.NET's ImageNet ResNet-18 backbone
/// frozen + a new head, against the same network from scratch (random initialisation written as ONNX, every layer trained at
/// the head's learning rate). Both arms run the same FinetuneJob (same preprocessing, augmentation, epochs, batch, seeds).
/// </summary>
internal static class TransferBench
{
    public static int Run(string? weights, int epochs, int seeds, int batch)
    {
        weights ??= Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            MlNetResNet18.PackageId.ToLowerInvariant(), MlNetResNet18.PackageVersion, MlNetResNet18.FileName);
        if (!File.Exists(weights))
        {
            Console.Error.WriteLine($"ResNet18.onnx not found at {weights}; restore tests/Onnx.Tests or pass --weights.");
            return 2;
        }
        OnnxWeightsImporter.Register();
        string work = Path.Combine(Path.GetTempPath(), "modelzoo-transfer-bench");
        Directory.CreateDirectory(work);
        string data = RepoPaths.SharedData("imagefolder", "hymenoptera-mini");
        var real = new List<double>();
        var scratch = new List<double>();
        for (int seed = 0; seed < seeds; seed++)
        {
            string random = Path.Combine(work, $"scratch-{seed}.onnx");
            using (ImageClassifier init = Zoo.Create("resnet18-mlnet", new ModelOptions { Seed = seed }))
                OnnxExport.Save(init, random, new OnnxExportOptions { Preprocessing = MlNetResNet18.Preset });   // same preprocessing as the real weights
            var common = new FinetuneJobOptions
            {
                Model = "resnet18-mlnet", Weights = weights, Dataset = "imagefolder", DataDirectory = data, Epochs = epochs,
                BatchSize = batch, Seed = seed, OutputDirectory = Path.Combine(work, "runs"),
            };
            FinetuneJobResult frozen = FinetuneJob.RunAsync(common).GetAwaiter().GetResult();
            FinetuneJobResult fromScratch = FinetuneJob.RunAsync(common with { Weights = random, Freeze = "none", BackboneLearningRate = common.LearningRate })
                .GetAwaiter().GetResult();
            real.Add(frozen.EvalAccuracy);
            scratch.Add(fromScratch.EvalAccuracy);
            Console.WriteLine($"seed {seed}: frozen ImageNet backbone + head {frozen.EvalAccuracy:P0} ({frozen.TrainableParameters:N0} trained, {frozen.Seconds:F0} s); "
                + $"from scratch {fromScratch.EvalAccuracy:P0} ({fromScratch.TrainableParameters:N0} trained, {fromScratch.Seconds:F0} s)");
        }
        Console.WriteLine($"hymenoptera-mini val accuracy over {seeds} seed(s), {epochs} epochs: frozen real backbone {real.Average():P1}, from scratch {scratch.Average():P1}");
        return 0;
    }
}
