// Generated from notebooks/02-lenet5-mnist.ipynb by tools/NotebookRunner; edit the notebook, then regenerate with
//   dotnet run --project tools/NotebookRunner -c Release -- export notebooks/02-lenet5-mnist.ipynb
// Run it with: dotnet run samples/02-lenet5-mnist.cs   (images are saved as PNG files in sample-output/)
#:project ../src/Interactive/ModelZoo.Interactive.csproj
#:property UsesTorchRuntime=true
#:property PublishAot=false

using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Interactive;
using ModelZoo.Models;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Summary;
using ModelZoo.Training;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Plots;
using TorchSharp;
using static TorchSharp.torch;

// Relative paths resolve from this file's folder, as they do from the notebook's.
Environment.CurrentDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// # 2 · LeNet-5 on MNIST
//
// LeCun et al.'s LeNet-5 (1998) trained on handwritten digits with ModelZoo's trainer: the modern form (ReLU, max-pooling)
// and the paper's classic form (scaled tanh, trainable sub-sampling, the C3 connection table), learning curves, the
// confusion matrix, the digits it gets wrong, and what its first layer learned.
//
// The data is the **MNIST-10k split** used across this repository: the 10,000 MNIST test images, items 0–7,999 for
// training and 8,000–9,999 for evaluation (`../shared/data/mnist`, or any folder with the four MNIST files — the catalog
// downloads them into an empty folder). In its full setting (15 epochs) the modern LeNet-5 reaches at least 98.5 % on the
// evaluation items; CI runs it with one epoch on a subset.
//
// Pack the libraries once (`dotnet pack build/Packages.slnf -c Release -o artifacts/packages`), then run the cells in order
// (VS Code with Polyglot Notebooks, or Jupyter with the .NET kernel), or `dotnet run samples/02-lenet5-mnist.cs`.

// ModelZoo from the local packages, plus one libtorch runtime: libtorch-cpu-linux-x64 on Linux;
// on Windows libtorch-cpu-win-x64, on macOS libtorch-cpu-osx-arm64, on any OS TorchSharp-cpu, with CUDA TorchSharp-cuda-linux.

// The notebook's parameters (CI runs it with smaller ones).
// parameters
var dataDir = "../../shared/data/mnist";   // a folder with the MNIST files (t10k-* is enough)
var epochs = 15;                           // modern LeNet-5
var classicEpochs = 8;                     // the 1998 LeNet-5
var trainCount = 8000;                     // training items 0 … trainCount-1
var evalCount = 2000;                      // evaluation items 8,000 … 8,000+evalCount-1
var learningRate = 0.01;

NotebookFormatters.Register();
var (mnist, spec) = DatasetCatalog.Open("mnist", dataDir);
var trainSet = ClassificationSubset.Range(mnist, 0, trainCount);
var evalSet = ClassificationSubset.Range(mnist, 8000, 8000 + evalCount);
display($"{mnist.Count:N0} images of {spec.Height}×{spec.Width}, {spec.Classes.Count} classes ({spec.Classes[0]} … {spec.Classes[^1]}); training on {trainSet.Count:N0}, evaluating on {evalSet.Count:N0}");

display(TensorImage.Grid(Enumerable.Range(0, 32).Select(i => ToTensor.ToFloatTensor(trainSet[i].Image)), columns: 16, scale: 2,
    captions: Enumerable.Range(0, 32).Select(i => trainSet[i].Label.ToString()).ToArray(), caption: "The first 32 training digits"));

// ## Data pipeline and models
//
// Both models take the paper's 32×32 input, so the 28×28 digits are padded by 2 pixels, then normalised with MNIST's
// mean and standard deviation. Training images are also shifted and rotated a little (`RandomAffine`, ±8°, ±8 %), seeded
// per epoch and item so every run sees the same augmentation.

var evalTransform = new Compose(new Pad(2), new ToTensor(), new Normalize(spec.Mean, spec.Std));
var trainTransform = new Compose(new RandomAffine(8, translate: (0.08, 0.08)), new Pad(2), new ToTensor(), new Normalize(spec.Mean, spec.Std));
var trainLoader = new DataLoader(trainSet, trainTransform, new DataLoaderOptions { BatchSize = 64, Shuffle = true, Seed = 0 });
var evalLoader = new DataLoader(evalSet, evalTransform, new DataLoaderOptions { BatchSize = 500 });
var lenet = Zoo.Create("lenet5", new ModelOptions { NumClasses = 10, Seed = 0 });
var classic = Zoo.Create("lenet5-classic", new ModelOptions { NumClasses = 10, Seed = 0 });
display(HtmlTable.From(new[] { ("lenet5", ModelSummary.Compute(lenet, new long[] { 1, 1, 32, 32 })), ("lenet5-classic", ModelSummary.Compute(classic, new long[] { 1, 1, 32, 32 })) },
    ("model", r => r.Item1), ("parameters", r => r.Item2.Params), ("MACs", r => r.Item2.Macs),
    ("layers", r => string.Join(" → ", r.Item2.Layers.Where(l => l.Params > 0).Select(l => l.Name)))));

// ## Training the modern LeNet-5
//
// SGD with momentum 0.9, batch 64. The trainer reports each epoch through `IProgress<EpochMetrics>`; the curves come
// from the returned history (the same PNG the `modelzoo train` command writes as `curves.png`).

var trainer = new Trainer(new TrainerOptions { Epochs = epochs, LearningRate = learningRate, Device = "cpu", Seed = 0 })
    .Add(new ProgressCallback(null, new PrintEpochs()));
TrainingResult result = trainer.Fit(lenet, trainLoader, evalLoader);
var final = Evaluator.Evaluate(lenet, evalLoader);
display($"LeNet-5 on the MNIST-10k split after {result.Epochs.Count} epochs ({result.Duration.TotalSeconds:0} s): " +
        $"accuracy {final.Accuracy:P2} ({final.Correct:N0}/{final.Count:N0}){(evalCount == 2000 && epochs >= 15 ? (final.Accuracy >= 0.985 ? " ≥ 98.5 % ✓" : " < 98.5 % ✗") : "")}");

display(new PngImage(TrainingPlot.RenderPng(result.Epochs, 900, 340), 900, 340, "LeNet-5 learning curves"));

// ## Confusion matrix and the digits it gets wrong
//
// Rows are the true digits, columns the predicted ones; the diagonal holds the correct answers.

var truth = new List<int>();
var predicted = new List<int>();
lenet.eval();
using (torch.no_grad())
    foreach (var batch in evalLoader.GetBatches(0))
        using (batch)
        {
            using var scope = torch.NewDisposeScope();
            predicted.AddRange(lenet.call(batch.Inputs).argmax(1).data<long>().ToArray().Select(v => (int)v));
            truth.AddRange(batch.Targets.data<long>().ToArray().Select(v => (int)v));
        }
var confusion = new int[10, 10];
for (int i = 0; i < truth.Count; i++) confusion[truth[i], predicted[i]]++;
display(new HtmlTable(new[] { "true \\ predicted" }.Concat(Enumerable.Range(0, 10).Select(d => d.ToString())).Append("recall").ToArray(),
    Enumerable.Range(0, 10).Select(t => (IReadOnlyList<object?>)new object?[] { $"{t}" }
        .Concat(Enumerable.Range(0, 10).Select(p => (object?)confusion[t, p]))
        .Append($"{(double)confusion[t, t] / Math.Max(1, Enumerable.Range(0, 10).Sum(p => confusion[t, p])):P1}").ToArray())));
var counts = torch.tensor(Enumerable.Range(0, 100).Select(k => (float)confusion[k / 10, k % 10]).ToArray(), new long[] { 10, 10 });
display(TensorImage.Heatmap((counts + 1).log(), scale: 24, caption: "confusion matrix (log counts)"));

var wrong = Enumerable.Range(0, truth.Count).Where(i => truth[i] != predicted[i]).Take(32).ToList();
display($"{Enumerable.Range(0, truth.Count).Count(i => truth[i] != predicted[i])} of {truth.Count} evaluation digits are misclassified; the first {wrong.Count}, as true → predicted:");
display(TensorImage.Grid(wrong.Select(i => ToTensor.ToFloatTensor(evalSet[i].Image)), columns: 16, scale: 2,
    captions: wrong.Select(i => $"{truth[i]}→{predicted[i]}").ToArray(), caption: "misclassified digits"));

// ## What the first layer learned
//
// The six 5×5 kernels of `conv1` (mid-grey is 0, white positive, black negative), and what they make of one digit:
// stroke detectors for different orientations and polarities.

var filters = lenet.named_parameters().First(p => p.name == "conv1.weight").parameter.detach();     // [6, 1, 5, 5]
double bound = filters.abs().max().item<float>();
display(TensorImage.Grid(Enumerable.Range(0, 6).Select(i => filters[i, 0]), columns: 6, scale: 16, min: -bound, max: bound,
    captions: Enumerable.Range(0, 6).Select(i => $"kernel {i}").ToArray(), caption: "conv1 kernels"));
var digit = evalTransform.Apply<Tensor>(evalSet[0].Image, new Random(0)).unsqueeze(0);            // [1, 1, 32, 32]
var conv1 = (nn.Module<Tensor, Tensor>)lenet.named_children().First(c => c.name == "conv1").module;
Tensor maps;
using (torch.no_grad())
    maps = conv1.call(digit)[0];                                                                  // [6, 28, 28]
display(TensorImage.Grid(new[] { digit[0, 0] }.Concat(Enumerable.Range(0, 6).Select(i => maps[i])), columns: 7, scale: 4,
    captions: new[] { $"input ({evalSet[0].Label})" }.Concat(Enumerable.Range(0, 6).Select(i => $"conv1 map {i}")).ToArray(),
    caption: "conv1 feature maps"));

// ## The 1998 LeNet-5 and its C3 table
//
// The paper's C3 layer does not connect every one of its 16 maps to all 6 maps of S2: Table I gives each map a subset
// (6 maps see 3, 9 see 4, one sees all 6), "to break the symmetry" and to save parameters: 1,516 instead of 2,416.
// Below, the table as the model holds it (`LeNet5Classic.C3ConnectionTable`), then the classic model trained the same way.

display(new HtmlTable(new[] { "S2 map" }.Concat(Enumerable.Range(0, 16).Select(i => i.ToString())).ToArray(),
    Enumerable.Range(0, 6).Select(s2 => (IReadOnlyList<object?>)new object?[] { s2.ToString() }
        .Concat(LeNet5Classic.C3ConnectionTable.Select(inputs => (object?)(inputs.Contains(s2) ? "X" : ""))).ToArray()),
    caption: "C3 connections (columns: the 16 C3 maps)"));
var c3Params = classic.named_parameters().Where(p => p.name.StartsWith("c3.")).Sum(p => p.parameter.numel());
display($"C3 parameters: {c3Params:N0} (60 connections × 25 + 16 biases); a full 6→16 5×5 convolution would have {6 * 16 * 25 + 16:N0}");
var classicResult = new Trainer(new TrainerOptions { Epochs = classicEpochs, LearningRate = learningRate, Device = "cpu", Seed = 0 })
    .Add(new ProgressCallback(null, new PrintEpochs()))
    .Fit(classic, trainLoader, evalLoader);
var classicFinal = Evaluator.Evaluate(classic, evalLoader);
display(HtmlTable.From(new[] { ("lenet5 (ReLU, max-pool)", result, final, ModelSummary.Compute(lenet, new long[] { 1, 1, 32, 32 }).Params),
                       ("lenet5-classic (1998)", classicResult, classicFinal, ModelSummary.Compute(classic, new long[] { 1, 1, 32, 32 }).Params) },
    ("model", r => r.Item1), ("parameters", r => r.Item4), ("epochs", r => r.Item2.Epochs.Count),
    ("eval accuracy", r => $"{r.Item3.Accuracy:P2}"), ("eval loss", r => r.Item3.Loss), ("seconds", r => Math.Round(r.Item2.Duration.TotalSeconds))));

// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.
static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);

sealed class PrintEpochs : IProgress<EpochMetrics>
{
    public void Report(EpochMetrics m) =>
        Console.WriteLine($"epoch {m.Epoch,2}: train loss {m.TrainLoss:0.0000}, train acc {m.TrainAccuracy:P2}, eval loss {m.EvalLoss:0.0000}, eval acc {m.EvalAccuracy:P2} ({m.Duration.TotalSeconds:0.0} s)");
}

