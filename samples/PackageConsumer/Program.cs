// Trains LeNet-5 for a few steps from the packed ModelZoo packages only, and checks that it learned something.
// Exit code 0 when the loss went down and the held-out accuracy beats chance, 1 otherwise.
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Training;

var (data, spec) = DatasetCatalog.Open("synthetic");
var transform = new Compose(new Pad(2), new ToTensor(), new Normalize(spec.Mean, spec.Std));   // 28×28 → LeNet-5's 32×32
var train = new DataLoader(ClassificationSubset.Range(data, 0, 1024), transform,
                           new DataLoaderOptions { BatchSize = 64, Shuffle = true, Seed = 0 });
var eval = new DataLoader(ClassificationSubset.Range(data, 9000, 9512), transform, new DataLoaderOptions { BatchSize = 256 });

using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { NumClasses = spec.Classes.Count, InChannels = spec.Channels, Seed = 0 });
EvaluationResult before = Evaluator.Evaluate(model, eval);
TrainingResult result = new Trainer(new TrainerOptions { Epochs = 2, LearningRate = 0.05, Device = "cpu" }).Fit(model, train, eval);
foreach (EpochMetrics m in result.Epochs)
    Console.WriteLine($"epoch {m.Epoch}: train loss {m.TrainLoss:0.000}, eval accuracy {m.EvalAccuracy:P1}");

Console.WriteLine($"ModelZoo {typeof(Zoo).Assembly.GetName().Version} from {Path.GetFileName(Path.GetDirectoryName(typeof(Zoo).Assembly.Location))}/, " +
                  $"{train.BatchCount * result.Epochs.Count} steps: eval loss {before.Loss:0.000} -> {result.Last.EvalLoss:0.000}, " +
                  $"accuracy {before.Accuracy:P1} -> {result.Last.EvalAccuracy:P1}");
bool learned = result.Last.EvalLoss < before.Loss && result.Last.EvalAccuracy > 2.0 / spec.Classes.Count;
Console.WriteLine(learned ? "consumer: trained from the packages" : "consumer: FAILED to learn");
return learned ? 0 : 1;
