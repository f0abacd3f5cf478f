// Generated from notebooks/04-transfer-learning.ipynb by tools/NotebookRunner; edit the notebook, then regenerate with
//   dotnet run --project tools/NotebookRunner -c Release -- export notebooks/04-transfer-learning.ipynb
// Run it with: dotnet run samples/04-transfer-learning.cs   (images are saved as PNG files in sample-output/)
#:project ../src/Interactive/ModelZoo.Interactive.csproj
#:property UsesTorchRuntime=true
#:property PublishAot=false

using System.IO;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Interactive;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Transfer;
using ModelZoo.Training;
using ModelZoo.Training.Jobs;
using TorchSharp;
using static TorchSharp.torch;

// Relative paths resolve from this file's folder, as they do from the notebook's.
Environment.CurrentDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// # 4 · Transfer learning
//
// Start from a network someone trained on a large data set, give it a new head for your classes, freeze what it already
// knows and fine-tune the rest on a few images. This notebook shows ModelZoo's weight catalog and how its downloads work,
// then does the whole loop **offline** with a real pretrained network that ships with the repository's test data: a
// CIFAR-10 ResNet-20 written by PyTorch (akamaster's, 91.78 % on CIFAR-10), fine-tuned to tell ants from bees on an
// ImageFolder set of 20 photos.
//
// Pack the libraries once (`dotnet pack build/Packages.slnf -c Release -o artifacts/packages`), then run the cells in order
// (VS Code with Polyglot Notebooks, or Jupyter with the .NET kernel), or `dotnet run samples/04-transfer-learning.cs`.

// ModelZoo from the local packages, plus one libtorch runtime: libtorch-cpu-linux-x64 on Linux;
// on Windows libtorch-cpu-win-x64, on macOS libtorch-cpu-osx-arm64, on any OS TorchSharp-cpu, with CUDA TorchSharp-cuda-linux.

// The notebook's parameters (CI runs it with smaller ones).
// parameters
var weightsPath = "../../shared/data/checkpoints/akamaster-resnet20-cifar10/resnet20-12fca82f.th";   // a torch.save'd CIFAR ResNet-20
var dataDir = "../../shared/data/imagefolder/hymenoptera-mini";   // ImageFolder: train/{ants,bees}, val/{ants,bees}
var photosDir = "../../shared/data/images";                        // photos to predict
var epochs = 30;
var offline = true;                                                 // false: let the catalog download ImageNet weights

NotebookFormatters.Register();
torch.manual_seed(0);
display($"{WeightsCatalog.All.Count} catalog weights for {WeightsCatalog.Models.Count} models");

// ## The weight catalog
//
// Every torchvision 0.14 weight of the zoo's architectures is an entry: URL, file name (with torchvision's SHA-256 prefix),
// published accuracy, size, cost and the evaluation preset. `PretrainedLoader.Create("resnet50", "IMAGENET1K_V2")` finds
// the file in `$MODELZOO_HOME/checkpoints` (default `~/.cache/modelzoo`) or in PyTorch's `~/.cache/torch/hub/checkpoints`,
// or downloads it (resumable, hash-checked, written atomically).

display(HtmlTable.From(WeightsCatalog.All.Where(w => w.Model.StartsWith("resnet") || w.Model is "alexnet" or "vgg16" or "googlenet"),
    ("model", w => w.Model), ("weights", w => w.Name + (w.IsDefault ? " (DEFAULT)" : "")), ("acc@1", w => w.Acc1), ("acc@5", w => w.Acc5),
    ("parameters", w => w.NumParams), ("GFLOPS", w => w.Gflops), ("file", w => w.FileName),
    ("preset", w => $"resize {w.Preset.ResizeSize}, crop {w.Preset.CropSize}")));

// Offline — `MODELZOO_OFFLINE=1`, no network, or a hash mismatch — the loader says exactly which URL to fetch and where
// to put the file, instead of failing somewhere deep inside:

var cache = new WeightsCache(new WeightsCacheOptions { Offline = offline });
display($"cache folder: {cache.Directory}; offline: {cache.Offline}");
try
{
    using var resnet18 = PretrainedLoader.Create("resnet18", "IMAGENET1K_V1", new PretrainedOptions { Cache = new WeightsCacheOptions { Offline = offline } });
    display($"resnet18 IMAGENET1K_V1 loaded: {resnet18.NumClasses} classes");
}
catch (WeightsUnavailableException e)
{
    display(e.Message);
}

// ## A real pretrained network, offline
//
// Any file written by `torch.save` loads without running code (a restricted unpickler), and keys are matched strictly.
// akamaster's checkpoint wraps the state dict in `{"best_prec1", "state_dict"}` and every key has DataParallel's `module.`
// prefix; the loader handles both. It was trained on CIFAR-10 with ImageNet's normalisation.

var cifarClasses = new[] { "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck" };
var pretrained = PretrainedLoader.Load("resnet20-cifar", weightsPath);
display($"{Path.GetFileName(pretrained.File)}: {pretrained.LoadResult}");
var cifarEval = new Compose(new Resize((32, 32)), new ToTensor(), Normalize.ImageNet());
var backbone = pretrained.Model;
backbone.eval();
var photos = new[] { "cat.jpg", "dog.jpg", "horses-progressive.jpg", "fish-bike.jpg" }.Select(f => Path.Combine(photosDir, f)).ToArray();
var photoTop3 = new List<(string Photo, string Top3)>();
using (torch.no_grad())
    foreach (var photo in photos)
    {
        var probabilities = backbone.call(cifarEval.Apply<Tensor>(ImageDecoder.Decode(photo), new Random(0)).unsqueeze(0)).softmax(1)[0];
        var (values, indices) = probabilities.topk(3);
        photoTop3.Add((Path.GetFileName(photo), string.Join(", ", Enumerable.Range(0, 3).Select(k => $"{cifarClasses[indices[k].item<long>()]} {values[k].item<float>():P0}"))));
    }
display(TensorImage.Grid(photos.Select(p => new Compose(new Resize((32, 32)), new ToTensor()).Apply<Tensor>(ImageDecoder.Decode(p), new Random(0))),
    columns: 4, scale: 4, captions: photoTop3.Select(p => p.Photo).ToArray(), caption: "the photos as the network sees them (32×32)"));
display(HtmlTable.From(photoTop3, ("photo", p => p.Photo), ("CIFAR-10 top 3", p => p.Top3)));

// ## A new head, a frozen backbone
//
// The ImageFolder set has `train/` and `val/` folders with one sub-folder per class. `ReplaceClassifier` swaps the 10-way
// CIFAR head for a 2-way one (fresh weights); `FreezeBackbone` stops gradients everywhere else, so only the new head's
// 130 numbers train — a few photos are enough for that.

var splits = DatasetCatalog.OpenSplits("imagefolder", dataDir);
var classes = splits.Spec.Classes;
var trainTransform = new Compose(new Resize(36), new RandomCrop(32), new RandomHorizontalFlip(), new ToTensor(), Normalize.ImageNet());
var evalTransform = new Compose(new Resize(32), new CenterCrop(32), new ToTensor(), Normalize.ImageNet());
var trainLoader = new DataLoader(splits.Train, trainTransform, new DataLoaderOptions { BatchSize = 10, Shuffle = true, Seed = 0 });
var evalLoader = new DataLoader(splits.Eval!, evalTransform, new DataLoaderOptions { BatchSize = 10 });
TransferLearning.ReplaceClassifier(backbone, classes.Count);
int frozen = TransferLearning.FreezeBackbone(backbone);
display($"classes: {string.Join(", ", classes)}; {splits.Train.Count} training and {splits.Eval!.Count} validation images; " +
        $"{frozen} parameter tensors frozen, {TransferLearning.CountTrainable(backbone):N0} of {backbone.parameters().Sum(p => p.numel()):N0} values train");
display(TensorImage.Grid(Enumerable.Range(0, splits.Train.Count).Select(i => evalTransform.Apply<Tensor>(splits.Train[i].Image, new Random(0))), columns: 10, scale: 3,
    captions: Enumerable.Range(0, splits.Train.Count).Select(i => classes[splits.Train[i].Label]).ToArray(), caption: "training images (normalised, 32×32)"));

var tuned = new Trainer(new TrainerOptions { Epochs = epochs, LearningRate = 0.05, Device = "cpu", Seed = 0 }).Fit(backbone, trainLoader, evalLoader);
var tunedEval = Evaluator.Evaluate(backbone, evalLoader);
// The same head trained on a randomly initialised ResNet-20: what the pretrained features are worth.
var scratch = Zoo.Create("resnet20-cifar", new ModelOptions { NumClasses = classes.Count, Seed = 0 });
TransferLearning.FreezeBackbone(scratch);
var scratchResult = new Trainer(new TrainerOptions { Epochs = epochs, LearningRate = 0.05, Device = "cpu", Seed = 0 }).Fit(scratch, trainLoader, evalLoader);
var scratchEval = Evaluator.Evaluate(scratch, evalLoader);
display(HtmlTable.From(new[] { ("pretrained CIFAR-10 backbone, frozen", tuned, tunedEval), ("random backbone, frozen", scratchResult, scratchEval) },
    ("backbone", r => r.Item1), ("epochs", r => r.Item2.Epochs.Count), ("train loss", r => r.Item2.Last.TrainLoss),
    ("validation accuracy", r => $"{r.Item3.Accuracy:P0} ({r.Item3.Correct}/{r.Item3.Count})")));
display(Chart.Lines("Validation accuracy while fine-tuning", "epoch", "accuracy", new[]
{
    new ChartSeries("pretrained backbone", tuned.Epochs.Select(m => m.EvalAccuracy ?? double.NaN).ToArray()),
    new ChartSeries("random backbone", scratchResult.Epochs.Select(m => m.EvalAccuracy ?? double.NaN).ToArray()),
}));

// ## Predicting new images
//
// The fine-tuned model on the validation photos (it never trained on them), with the probability of its answer.

backbone.eval();
var evalImages = Enumerable.Range(0, splits.Eval!.Count).Select(i => splits.Eval![i]).ToArray();
var answers = new List<string>();
using (torch.no_grad())
    foreach (var sample in evalImages)
    {
        var p = backbone.call(evalTransform.Apply<Tensor>(sample.Image, new Random(0)).unsqueeze(0)).softmax(1)[0];
        int k = (int)p.argmax().item<long>();
        answers.Add($"{classes[k]} {p[k].item<float>():P0}{(k == sample.Label ? "" : " ✗")}");
    }
display(TensorImage.Grid(evalImages.Select(s => new Compose(new Resize(64), new CenterCrop(64), new ToTensor()).Apply<Tensor>(s.Image, new Random(0))),
    columns: 5, scale: 2, captions: answers, caption: "validation photos: prediction and probability (✗ = wrong)"));

// ## The same fine-tune as one call
//
// `modelzoo finetune` runs exactly this through `FinetuneJob`: it loads the weights, replaces the head, freezes, trains,
// and writes a resumable checkpoint, `metrics.csv` and `curves.png` every epoch:
//
// ```bash
// modelzoo finetune --model resnet20-cifar --weights resnet20-12fca82f.th --dataset imagefolder \
//                   --data-dir hymenoptera-mini --epochs 30 --batch-size 10 --lr 0.05
// ```

var runDir = Path.Combine(Path.GetTempPath(), "modelzoo-notebook-04");
var job = await FinetuneJob.RunAsync(new FinetuneJobOptions
{
    Model = "resnet20-cifar", Weights = weightsPath, Dataset = "imagefolder", DataDirectory = dataDir,
    Epochs = epochs, BatchSize = 10, LearningRate = 0.05, OutputDirectory = runDir,
});
display(HtmlTable.From(new[] { job }, ("classes", j => string.Join(", ", j.Classes)), ("train items", j => j.TrainItems), ("trainable", j => j.TrainableParameters),
    ("of", j => j.TotalParameters), ("eval accuracy", j => $"{j.EvalAccuracy:P0}"), ("checkpoint", j => Path.GetFileName(j.Checkpoint))));
display(new PngImage(File.ReadAllBytes(job.Plot!), 960, 400, "curves.png written by the job"));

// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.
static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);
