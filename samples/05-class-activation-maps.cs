// Generated from notebooks/05-class-activation-maps.ipynb by tools/NotebookRunner; edit the notebook, then regenerate with
//   dotnet run --project tools/NotebookRunner -c Release -- export notebooks/05-class-activation-maps.ipynb
// Run it with: dotnet run samples/05-class-activation-maps.cs   (images are saved as PNG files in sample-output/)
#:project ../src/Interactive/ModelZoo.Interactive.csproj
#:property UsesTorchRuntime=true
#:property PublishAot=false

using System.IO;
using ModelZoo.Cam;
using ModelZoo.Cam.Metrics;
using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using ModelZoo.Interactive;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using TorchSharp;
using static TorchSharp.torch;

// Relative paths resolve from this file's folder, as they do from the notebook's.
Environment.CurrentDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// # 5 · Class activation maps
//
// Where does a network look when it names a class? A **class activation map** (CAM, Zhou et al. 2016) weights the last
// convolutional feature maps by the classifier's weights for that class; **Grad-CAM** (Selvaraju et al. 2017) weights them
// by the gradient of the class score instead, so it works at any layer and for any head; its family (Grad-CAM++,
// XGrad-CAM, HiResCAM, Layer-CAM) changes how the gradients are weighted, **Score-CAM** uses no gradients at all (each
// channel masks the input and the class probability is its weight) and **Eigen-CAM** takes the first principal component.
//
// This notebook runs all eight from `ModelZoo.Cam` on real photos, with a real pretrained network that ships with the
// repository's test data (akamaster's CIFAR-10 ResNet-20, written by PyTorch), checks CAM and Grad-CAM against a
// computation by hand, draws the maps side by side, and scores them with the library's quality metrics (Average Drop,
// Increase in Confidence, deletion curves), against a random map as the baseline.
//
// Pack the libraries once (`dotnet pack build/Packages.slnf -c Release -o artifacts/packages`), then run the cells in
// order, or `dotnet run samples/05-class-activation-maps.cs`.

// ModelZoo from the local packages, plus one libtorch runtime: libtorch-cpu-linux-x64 on Linux;
// on Windows libtorch-cpu-win-x64, on macOS libtorch-cpu-osx-arm64, on any OS TorchSharp-cpu, with CUDA TorchSharp-cuda-linux.

// The notebook's parameters (CI runs it with smaller ones).
// parameters
var weightsPath = "../../shared/data/checkpoints/akamaster-resnet20-cifar10/resnet20-12fca82f.th";
var photosDir = "../../shared/data/images";
var deletionSteps = 20;     // points on each deletion curve

NotebookFormatters.Register();
var classes = new[] { "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck" };
var model = PretrainedLoader.Create("resnet20-cifar", weightsPath);
model.eval();
// What the network sees: the photo squeezed to 32x32, normalised with ImageNet's mean and std (as akamaster trained it).
var preprocess = new Compose(new Resize((32, 32)), new ToTensor(), Normalize.ImageNet());
var files = new[] { "cat.jpg", "dog.jpg", "horses-progressive.jpg", "cat-and-dog.png" };
var photos = files.Select(f => ImageDecoder.Decode(Path.Combine(photosDir, f))).ToArray();
var batch = torch.stack(photos.Select(p => preprocess.Apply<Tensor>(p, new Random(0))).ToArray());   // [4, 3, 32, 32]
var regions = photos.Select(p => InputRegion.FromTransform(preprocess, p.Width, p.Height)).ToArray();   // where the input lies on each photo
display($"resnet20-cifar with {Path.GetFileName(weightsPath)}; {files.Length} photos, input [{string.Join(", ", batch.shape)}]; "
    + $"default target layer '{CamBase.DefaultTargetLayer(model)}'");

// ## Eight methods, one call each
//
// Every method is an object over the model (`CamMethods.Create(name, model)`, or `new GradCam(model)`); `Compute(batch)`
// explains each image's predicted class (or the classes you pass) at the model's last feature stage (`layer3` here, the
// 64 × 8 × 8 maps that enter the global average pooling), and returns per image the class, its probability, the map at
// the input's size in [0, 1] and the raw map at the layer's resolution.

var results = new Dictionary<string, IReadOnlyList<CamResult>>();
foreach (string name in CamMethods.Names)
{
    using CamBase method = CamMethods.Create(name, model);
    results[name] = method.Compute(batch);
}
var predicted = results["gradcam"];
display(HtmlTable.From(Enumerable.Range(0, files.Length),
    ("photo", i => files[i]),
    ("predicted class", i => classes[predicted[i].ClassIndex]),
    ("probability", i => $"{predicted[i].Probability:P0}"),
    ("Grad-CAM peak (x, y) on the 32x32 input", i => predicted[i].Peak.ToString())));

display(HtmlTable.From(CamMethods.Names, ("method", n => n), ("what it does", n => CamMethods.Describe(n))));

// ## CAM and Grad-CAM by hand
//
// Both maps are a weighted sum of the 64 feature maps `A_k` of `layer3`: **CAM** uses the linear layer's weights,
// `Σ_k W[c, k] · A_k`; **Grad-CAM** uses `α_k`, the spatial mean of `∂ score_c / ∂ A_k`, computed here with
// `torch.autograd.grad`. The library's raw maps (before ReLU and scaling) must equal these. And for a network that ends in
// global average pooling and one linear layer, Grad-CAM at the last layer *is* CAM: the gradient with respect to `A_k` is
// `W[c, k] / (h·w)` everywhere, so once ReLU'd and scaled to [0, 1] the two maps are the same.

var classifierWeight = model.GetClassifier().named_parameters().First(p => p.name == "weight").parameter.detach();   // [10, 64]
var features = model.ForwardFeatures(batch).detach().requires_grad_(true);       // [4, 64, 8, 8]
var logits = model.ForwardHead(features);
var targets = torch.tensor(predicted.Select(r => (long)r.ClassIndex).ToArray());
var gradient = torch.autograd.grad(new[] { logits.gather(1, targets.unsqueeze(1)).sum() }, new[] { features })[0];
var handCam = torch.einsum("nk,nkhw->nhw", classifierWeight.index_select(0, targets), features.detach());
var handGradCam = (gradient.mean(new long[] { 2, 3 }, keepdim: true) * features.detach()).sum(1);
double MaxDiff(Tensor hand, IReadOnlyList<CamResult> library) =>
    (hand - torch.stack(library.Select(r => r.RawMaps[0].ToTensor()).ToArray())).abs().max().item<float>();
double MapDiff(IReadOnlyList<CamResult> a, IReadOnlyList<CamResult> b) =>
    a.Zip(b).Max(p => p.First.Map.Values.Zip(p.Second.Map.Values).Max(v => Math.Abs(v.First - v.Second)));
var checks = new[]
{
    ("hand CAM vs the library's CAM (raw 8x8 maps)", MaxDiff(handCam, results["cam"])),
    ("hand Grad-CAM vs the library's Grad-CAM (raw 8x8 maps)", MaxDiff(handGradCam, results["gradcam"])),
    ("hand Grad-CAM vs hand CAM / 64 (h·w = 8·8)", (handGradCam - handCam / 64).abs().max().item<float>()),
    ("the library's CAM vs Grad-CAM (32x32 maps in [0, 1])", MapDiff(results["cam"], results["gradcam"])),
};
if (checks.Any(c => c.Item2 > 1e-4)) throw new Exception("CAM and Grad-CAM disagree with the computation by hand");
display(HtmlTable.From(checks, ("check", c => c.Item1), ("max |difference|", c => c.Item2.ToString("E1"))));

// ## Side by side
//
// Each map is drawn on the *original* photo: `InputRegion` knows how the preprocessing resized it, and `CamOverlay`
// resamples the 32 × 32 map onto the photo (red: high). CAM and Grad-CAM coincide, as shown above; the other methods
// weigh the same feature maps differently, and Eigen-CAM ignores the class.

for (int i = 0; i < files.Length; i++)
{
    var tiles = new List<(ImageBuffer Image, string Label)> { (photos[i], $"{files[i]}: {classes[predicted[i].ClassIndex]}") };
    foreach (string name in CamMethods.Names)
        tiles.Add((CamOverlay.Render(photos[i], results[name][i].Map, regions[i]), name));
    display(PngImage.FromBuffer(CamGrid.Render(tiles, columns: 9, maxTileSide: 110), $"{files[i]}: the eight methods"));
}

// `cat-and-dog.png` holds a dog (top) and a cat (bottom right). `Compute(batch, classes)` explains any class, not only the
// predicted one, so we can ask for "dog" and for "cat" on the same photo. The network is all but certain of "dog" (the
// cat's probability rounds to 0 %), so a "cat" map explains a small logit: Grad-CAM's, which follows the gradient of that
// logit, lands on the upper part of the picture; Score-CAM's, which weighs each channel by how much the input it masks
// raises the cat's probability, finds the cat. The peaks below are in the 32 × 32 input (y grows downwards).

int cat = Array.IndexOf(classes, "cat"), dog = Array.IndexOf(classes, "dog");
var pair = torch.stack(new[] { batch[3], batch[3] });       // the same photo twice: once for each class
double TopShare(CamMap map) => map.Values.Take(map.Values.Length / 2).Sum() / (map.Values.Sum() + 1e-8);   // rows 0..15 of 32
var pairTiles = new List<(ImageBuffer Image, string Label)> { (photos[3], "cat-and-dog.png") };
var shares = new List<(string Method, double Dog, double Cat, (int X, int Y) DogPeak, (int X, int Y) CatPeak)>();
foreach (string name in new[] { "gradcam", "scorecam" })
{
    using CamBase method = CamMethods.Create(name, model);
    var maps = method.Compute(pair, new[] { dog, cat });
    pairTiles.Add((CamOverlay.Render(photos[3], maps[0].Map, regions[3]), $"{name}: dog {maps[0].Probability:P0}"));
    pairTiles.Add((CamOverlay.Render(photos[3], maps[1].Map, regions[3]), $"{name}: cat {maps[1].Probability:P0}"));
    shares.Add((name, TopShare(maps[0].Map), TopShare(maps[1].Map), maps[0].Peak, maps[1].Peak));
}
display(HtmlTable.From(shares, ("method", s => s.Method),
    ("'dog': peak (x, y)", s => s.DogPeak.ToString()), ("'dog': share on the top half", s => $"{s.Dog:P0}"),
    ("'cat': peak (x, y)", s => s.CatPeak.ToString()), ("'cat': share on the top half", s => $"{s.Cat:P0}")));
display(PngImage.FromBuffer(CamGrid.Render(pairTiles, columns: 5, maxTileSide: 150), "dog and cat, Grad-CAM and Score-CAM"));

// ## How good are the maps?
//
// `CamMetrics.Evaluate` computes the figures torch-cam and pytorch-grad-cam report, which need no human labels:
//
// * **Average Drop** (Chattopadhay et al. 2018): the class probability `Y` on the image against `O` on the image
//   multiplied by its map, `100 · max(0, Y − O) / Y`, averaged; lower is better. **Increase in Confidence**: the share of
//   images with `O > Y`; higher is better.
// * **Deletion** (Petsiuk et al. 2018): remove the pixels the map ranks highest, in equal steps (set to the data mean),
//   and follow the class probability down; a smaller area under that curve means the map found what the network needed.
//
// A map of random numbers (seeded) is the baseline.

var random = new Random(0);
var randomMaps = predicted.Select(r => r with { Method = "random map",
    Map = new CamMap(32, 32, Enumerable.Range(0, 32 * 32).Select(_ => (float)random.NextDouble()).ToArray()) }).ToArray();
(string Method, CamQuality Quality)[] quality = CamMethods.Names.Select(n => (n, CamMetrics.Evaluate(model, batch, results[n], deletionSteps)))
    .Append(("random map", CamMetrics.Evaluate(model, batch, randomMaps, deletionSteps))).ToArray();
display(HtmlTable.From(quality,
    ("method", q => q.Method),
    ("average drop % (lower is better)", q => q.Quality.AverageDrop.ToString("F1")),
    ("increase in confidence % (higher is better)", q => q.Quality.IncreaseInConfidence.ToString("F0")),
    ("deletion AUC (lower is better)", q => q.Quality.DeletionAuc.ToString("F3"))));

display(Chart.Lines($"Deletion curves, {files[0]} ({classes[predicted[0].ClassIndex]})", "fraction of pixels removed", "class probability",
    quality.Where(q => q.Method is "cam" or "gradcam++" or "scorecam" or "eigencam" or "random map")
        .Select(q => new ChartSeries(q.Method, q.Quality.Images[0].Deletion.Scores, q.Quality.Images[0].Deletion.Fractions)).ToArray()));

// On these four photos every map beats the random one on Average Drop (the image times a CAM keeps the class far better
// than the image times noise); Score-CAM, whose weights are exactly such masked-image probabilities, keeps it best. The
// deletion areas are close to the random map's: on the cat photo the maps' curves fall at once while the random map holds
// the class for the first fifth of the pixels, but at 32 × 32 a mostly deleted image drifts back towards "cat" (the
// all-mean image scores 0.74), which raises every area alike. Deletion is a noisy score on four tiny images; run it over
// a data set before ranking methods by it.

// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.
static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);
