// Generated from notebooks/05-class-activation-maps.ipynb by tools/NotebookRunner; edit the notebook, then regenerate with
//   dotnet run --project tools/NotebookRunner -c Release -- export notebooks/05-class-activation-maps.ipynb
// Run it with: dotnet run samples/05-class-activation-maps.cs   (images are saved as PNG files in sample-output/)
#:project ../src/Interactive/ModelZoo.Interactive.csproj
#:property UsesTorchRuntime=true
#:property PublishAot=false

using System.IO;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using ModelZoo.Interactive;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

// Relative paths resolve from this file's folder, as they do from the notebook's.
Environment.CurrentDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// # 5 · Class activation maps
//
// Where does a network look when it names a class? A **class activation map** (CAM, Zhou et al. 2016) weights the last
// convolutional feature maps by the classifier's weights for that class; **Grad-CAM** (Selvaraju et al. 2017) weights them
// by the gradient of the class score instead, so it works at any layer and for any head. This notebook computes both, on
// real photos, with a real pretrained network that ships with the repository's test data (akamaster's CIFAR-10 ResNet-20,
// written by PyTorch), and scores the maps the way the pytorch-grad-cam metrics do: the average drop in confidence when
// only the highlighted pixels are kept, and a deletion curve.
//
// The maps are computed here from the model's own modules and `torch.autograd.grad`, step by step, so every number can
// be checked. Pack the libraries once (`dotnet pack build/Packages.slnf -c Release -o artifacts/packages`), then run the
// cells in order, or `dotnet run samples/05-class-activation-maps.cs`.

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
var normalize = Normalize.ImageNet();                       // akamaster trained with ImageNet's mean and std
Tensor Load(string file, int size) => new Compose(new Resize((size, size)), new ToTensor()).Apply<Tensor>(ImageDecoder.Decode(Path.Combine(photosDir, file)), new Random(0));
var files = new[] { "cat.jpg", "dog.jpg", "horses-progressive.jpg", "cat-and-dog.png" };
var photos32 = files.Select(f => Load(f, 32)).ToArray();      // what the network sees, [3, 32, 32] in [0, 1]
var photos128 = files.Select(f => Load(f, 128)).ToArray();    // for display
display($"resnet20-cifar with {Path.GetFileName(weightsPath)}; {files.Length} photos");

// ## The maps, step by step
//
// The network's forward is `relu(bn1(conv1(x))) → layer1 → layer2 → layer3 → global average pool → linear`. Running
// the modules one by one keeps each stage's output in the autograd graph (the check below makes sure this equals the
// model's own forward). Then, for class `c` and feature maps `A_k` of a layer:
//
// * **CAM** (last layer only): `Σ_k W[c, k] · A_k`, with `W` the linear layer's weights;
// * **Grad-CAM**: `ReLU(Σ_k α_k · A_k)` with `α_k` the spatial mean of `∂ score_c / ∂ A_k`.

Tensor Run(string child, Tensor x) => ((nn.Module<Tensor, Tensor>)model.named_children().First(c => c.name == child).module).call(x);
(Tensor Logits, Dictionary<string, Tensor> Stages) Forward(Tensor image)
{
    var stem = F.relu(Run("bn1", Run("conv1", normalize.Apply(image, new Random(0)).unsqueeze(0))));
    var a1 = Run("layer1", stem);
    var a2 = Run("layer2", a1);
    var a3 = Run("layer3", a2);
    return (model.ForwardHead(a3), new Dictionary<string, Tensor> { ["layer1"] = a1, ["layer2"] = a2, ["layer3"] = a3 });
}
var classifierWeight = model.GetClassifier().named_parameters().First(p => p.name == "weight").parameter;   // [10, 64]
Tensor Cam(Dictionary<string, Tensor> stages, int c) => (classifierWeight[c].detach().reshape(-1, 1, 1) * stages["layer3"][0].detach()).sum(new long[] { 0 });   // (a literal 0 would pick the sum(ScalarType) overload)
Tensor GradCam(Tensor logits, Dictionary<string, Tensor> stages, string layer, int c)
{
    var a = stages[layer];
    var grad = torch.autograd.grad(new[] { logits[0, c] }, new[] { a }, retain_graph: true)[0];   // [1, K, h, w]
    var alpha = grad.mean(new long[] { 2, 3 }, keepdim: true);
    return F.relu((alpha * a).sum(1))[0].detach();
}
Tensor Unit(Tensor map) => (map - map.min()) / (map.max() - map.min() + 1e-8);       // to [0, 1]
Tensor Upsample(Tensor map, long size) => F.interpolate(map.reshape(1, 1, map.shape[0], map.shape[1]), size: new[] { size, size }, mode: InterpolationMode.Bilinear, align_corners: false)[0, 0];
var (checkLogits, _) = Forward(photos32[0]);
double forwardDiff;
using (torch.no_grad())
    forwardDiff = (checkLogits - model.call(normalize.Apply(photos32[0], new Random(0)).unsqueeze(0))).abs().max().item<float>();
if (forwardDiff > 1e-5) throw new Exception($"the stage-by-stage forward differs from the model's by {forwardDiff}");
display($"stage-by-stage forward = model forward (max |diff| {forwardDiff:E1})");

var rows = new List<(string Photo, string Top3, int Class)>();
var maps = new List<(string Photo, string Method, Tensor Map)>();
for (int i = 0; i < files.Length; i++)
{
    var (logits, stages) = Forward(photos32[i]);
    var probabilities = logits.softmax(1)[0].detach();
    var (values, indices) = probabilities.topk(3);
    int c = (int)indices[0].item<long>();
    rows.Add((files[i], string.Join(", ", Enumerable.Range(0, 3).Select(k => $"{classes[indices[k].item<long>()]} {values[k].item<float>():P0}")), c));
    maps.Add((files[i], "CAM", Cam(stages, c)));
    maps.Add((files[i], "Grad-CAM layer3", GradCam(logits, stages, "layer3", c)));
    maps.Add((files[i], "Grad-CAM layer2", GradCam(logits, stages, "layer2", c)));
}
display(HtmlTable.From(rows, ("photo", r => r.Photo), ("top 3 (CIFAR-10 classes)", r => r.Top3), ("explained class", r => classes[r.Class])));

// For a network that ends in global average pooling and one linear layer, Grad-CAM at the last layer *is* CAM: the
// gradient of the score with respect to `A_k` is `W[c, k] / (h·w)` everywhere, so the two maps differ only by a constant
// factor and Grad-CAM's ReLU.

var camVsGrad = Enumerable.Range(0, files.Length).Select(i =>
{
    var cam = Unit(F.relu(maps[3 * i].Map));
    var grad = Unit(maps[3 * i + 1].Map);
    return (files[i], (cam - grad).abs().max().item<float>());
}).ToArray();
if (camVsGrad.Any(r => r.Item2 > 1e-4)) throw new Exception("CAM and last-layer Grad-CAM should agree for a GAP network");
display(HtmlTable.From(camVsGrad, ("photo", r => r.Item1), ("max |ReLU(CAM) − Grad-CAM| after scaling to [0, 1]", r => r.Item2.ToString("E1"))));

Tensor Overlay(Tensor photo, Tensor map) => 0.5 * photo + 0.5 * TensorImage.Colorize(Upsample(Unit(map), photo.shape[1]), Colormap.Jet, 0, 1);
var tiles = new List<Tensor>();
var captions = new List<string>();
for (int i = 0; i < files.Length; i++)
{
    tiles.Add(photos128[i]);
    captions.Add($"{files[i]}: {classes[rows[i].Class]}");
    foreach (var m in maps.Where(m => m.Photo == files[i]))
    {
        tiles.Add(Overlay(photos128[i], m.Map));
        captions.Add(m.Method);
    }
}
display(TensorImage.Grid(tiles, columns: 4, captions: captions, min: 0, max: 1, caption: "CAM and Grad-CAM for the top class (red: high)"));

// `cat-and-dog.png` holds a cat and a dog side by side: asking for "cat" and for "dog" should light different halves.

var (pairLogits, pairStages) = Forward(photos32[3]);
var catMap = GradCam(pairLogits, pairStages, "layer3", Array.IndexOf(classes, "cat"));
var dogMap = GradCam(pairLogits, pairStages, "layer3", Array.IndexOf(classes, "dog"));
double LeftShare(Tensor map) { var m = Upsample(Unit(map), 32); return (m[.., ..16].sum() / (m.sum() + 1e-8)).item<float>(); }
display($"share of the map on the left half: cat {LeftShare(catMap):P0}, dog {LeftShare(dogMap):P0}");
display(TensorImage.Grid(new[] { photos128[3], Overlay(photos128[3], catMap), Overlay(photos128[3], dogMap) }, columns: 3, min: 0, max: 1,
    captions: new[] { "cat-and-dog.png", "Grad-CAM for 'cat'", "Grad-CAM for 'dog'" }));

// ## How good are the maps?
//
// Two checks that need no human labels, with a random map as the baseline:
//
// * **Average drop** (Chattopadhay et al. 2018): keep the image only where the map is high (`image × map`) and measure how
//   much the class probability falls, `max(0, p − p′) / p`; lower is better. **Increase in confidence**: how often `p′ > p`.
// * **Deletion** (Petsiuk et al. 2018): remove the pixels the map ranks highest, 5 % at a time (set to the data mean), and
//   follow the class probability down; a smaller area under that curve means the map found what the network needed.

double Probability(Tensor image, int c) { using (torch.no_grad()) return model.call(normalize.Apply(image, new Random(0)).unsqueeze(0)).softmax(1)[0, c].item<float>(); }
double[] Deletion(Tensor image, Tensor map, int c)
{
    var order = Upsample(Unit(map), 32).flatten().argsort(descending: true);
    var curve = new double[deletionSteps + 1];
    var mean = torch.tensor(new float[] { 0.485f, 0.456f, 0.406f }).reshape(3, 1, 1);
    for (int s = 0; s <= deletionSteps; s++)
    {
        var keep = torch.ones(32 * 32);
        long removed = 32 * 32 * s / deletionSteps;
        if (removed > 0) keep[order[..(int)removed]] = 0f;
        var mask = keep.reshape(1, 32, 32);
        curve[s] = Probability(image * mask + mean * (1 - mask), c);
    }
    return curve;
}
double Area(double[] curve) => Enumerable.Range(1, curve.Length - 1).Sum(k => (curve[k - 1] + curve[k]) / 2) / (curve.Length - 1);
torch.manual_seed(0);
var scored = new List<(string Method, double Drop, bool Increase, double DeletionArea, double[] Curve)>();
for (int i = 0; i < files.Length; i++)
{
    int c = rows[i].Class;
    double p = Probability(photos32[i], c);
    var candidates = maps.Where(m => m.Photo == files[i]).Select(m => (m.Method, m.Map)).Append(("random map", torch.rand(8, 8)));
    foreach (var (method, map) in candidates)
    {
        double kept = Probability(photos32[i] * Upsample(Unit(map), 32), c);
        var curve = Deletion(photos32[i], map, c);
        scored.Add((method, Math.Max(0, p - kept) / p, kept > p, Area(curve), curve));
    }
}
display(HtmlTable.From(scored.GroupBy(s => s.Method),
    ("method", g => g.Key), ("average drop (lower is better)", g => $"{g.Average(s => s.Drop):P1}"),
    ("increase in confidence", g => $"{g.Count(s => s.Increase)} of {g.Count()}"),
    ("deletion area (lower is better)", g => g.Average(s => s.DeletionArea))));

display(Chart.Lines($"Deletion curves, {files[0]} ({classes[rows[0].Class]})", "fraction of pixels removed", "class probability",
    scored.Take(4).Select(s => new ChartSeries(s.Method, s.Curve, Enumerable.Range(0, s.Curve.Length).Select(k => (double)k / deletionSteps).ToArray())).ToArray()));

// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.
static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);
