// Generated from notebooks/03-architecture-tour.ipynb by tools/NotebookRunner; edit the notebook, then regenerate with
//   dotnet run --project tools/NotebookRunner -c Release -- export notebooks/03-architecture-tour.ipynb
// Run it with: dotnet run samples/03-architecture-tour.cs   (images are saved as PNG files in sample-output/)
#:project ../src/Interactive/ModelZoo.Interactive.csproj
#:property UsesTorchRuntime=true
#:property PublishAot=false

using System.Diagnostics;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using ModelZoo.Interactive;
using ModelZoo.Models;
using ModelZoo.Models.Summary;
using TorchSharp;
using static TorchSharp.torch;

// Relative paths resolve from this file's folder, as they do from the notebook's.
Environment.CurrentDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// # 3 · A tour of the architectures
//
// Every architecture in the zoo, from LeNet-5 (1998) to ResNet (2015): its size, its cost and what it brought to the field,
// then each family's forward pass on a real photo. All models here have random weights (no download needed); notebook 4
// loads pretrained ones.
//
// Pack the libraries once (`dotnet pack build/Packages.slnf -c Release -o artifacts/packages`), then run the cells in order
// (VS Code with Polyglot Notebooks, or Jupyter with the .NET kernel), or `dotnet run samples/03-architecture-tour.cs`.

// ModelZoo from the local packages, plus one libtorch runtime: libtorch-cpu-linux-x64 on Linux;
// on Windows libtorch-cpu-win-x64, on macOS libtorch-cpu-osx-arm64, on any OS TorchSharp-cpu, with CUDA TorchSharp-cuda-linux.

// The notebook's parameters (CI runs it with smaller ones).
// parameters
var photoPath = "../../shared/data/images/dog.jpg";   // any photo; the repository's tests use ../shared/data/images
var allModels = true;                                 // false: a few small models (CI)
var googlenetSize = 224;                              // input side for the GoogLeNet training/evaluation comparison

NotebookFormatters.Register();
torch.set_grad_enabled(false);
var entries = Zoo.Entries.Where(e => allModels || e.Name is "lenet5" or "lenet5-classic" or "alexnet" or "googlenet" or "resnet18" or "resnet20-cifar").ToList();
display($"{Zoo.Names.Count} registered models in {Zoo.Entries.Select(e => e.Family).Distinct().Count()} families; touring {entries.Count}");

// ## Size and cost of every model
//
// Each model is built once, summarised — parameters and multiply–accumulates (MACs, what torchvision's "GFLOPS" column
// counts) for one image at its usual input size, from `ModelSummary.Compute` (a forward pass with hooks on every layer) —
// and run on the photo: through the ImageNet evaluation preset (resize 256, centre crop 224, normalise), or as a grey
// 32×32 image for the LeNets and a colour 32×32 one for the CIFAR ResNet. The weights are random, so the predicted classes
// mean nothing; the shapes, sizes and costs are the point.

var image = ImageDecoder.Decode(photoPath);
Tensor ImageNetInput(int size) => Presets.ImageNetEval(resize: size * 256 / 224, crop: size).Apply<Tensor>(image, new Random(0)).unsqueeze(0);
var imagenet = ImageNetInput(224);                                                             // [1, 3, 224, 224]
var small = new Compose(new Resize((32, 32)), new ToTensor()).Apply<Tensor>(image, new Random(0)).unsqueeze(0);
var tiny = small.mean(new long[] { 1 }, keepdim: true);                                          // [1, 1, 32, 32] grey
display(PngImage.FromFile(photoPath, maxSide: 256));
var tour = entries.Select(e =>
{
    using var scope = torch.NewDisposeScope();
    using var model = Zoo.Create(e.Name);
    var input = e.DefaultInputShape[0] == 1 ? tiny : e.DefaultImageSize == 32 ? small
        : e.DefaultImageSize == 224 ? imagenet : ImageNetInput(e.DefaultImageSize);           // alexnet-original: 227
    var summary = ModelSummary.Compute(model, input.shape, modelName: e.Name);
    model.eval();
    var watch = Stopwatch.StartNew();
    var features = model.ForwardFeatures(input);
    var logits = model.ForwardHead(features);
    double ms = watch.Elapsed.TotalMilliseconds;
    return (Entry: e, Summary: summary, Features: features.shape, Logits: logits.shape, Ms: ms);
}).ToList();
display(HtmlTable.From(tour,
    ("model", t => t.Entry.Name), ("family", t => t.Entry.Family),
    ("input", t => string.Join("×", t.Summary.InputShape.Skip(1))),
    ("parameters", t => t.Summary.Params), ("GMACs", t => Math.Round(t.Summary.Macs / 1e9, 3)),
    ("ForwardFeatures", t => t.Features), ("logits", t => t.Logits), ("forward ms (CPU)", t => Math.Round(t.Ms, 1)),
    ("description", t => t.Entry.Description)));

display(Chart.Bars("Parameters (millions)", "M parameters", tour.Select(t => (t.Entry.Name, t.Summary.Params / 1e6)).ToArray(), width: 900, valueFormat: "0.##"));

// Any summary shows its layers (click to expand), e.g. ResNet-18's stem, four stages and head:

display(tour.First(t => t.Entry.Name == "resnet18").Summary);

// ## What each family introduced
//
// | family | year | what it brought |
// | --- | --- | --- |
// | **LeNet-5** | 1998 | convolution + sub-sampling + fully connected layers trained end to end by back-propagation; C3's sparse connection table |
// | **AlexNet** | 2012 | ReLU instead of tanh, dropout in the classifier, local response normalisation, overlapping max-pooling, training on GPUs (two groups) |
// | **VGG** | 2014 | only 3×3 convolutions, stacked: depth (11–19 layers) with a uniform design; batch-norm variants later |
// | **GoogLeNet** | 2014 | the Inception module (parallel 1×1, 3×3, 5×5 and pooling branches, 1×1 bottlenecks), two auxiliary classifiers for training, global average pooling instead of large FC layers |
// | **ResNet** | 2015 | residual connections `y = F(x) + x` that make 50–152 layers trainable, batch norm everywhere, bottleneck blocks |
//
// The cells below check a few of these claims on the models themselves.

// AlexNet (the 2012 original): which kinds of layers it uses.
var original = Zoo.Create("alexnet-original");
display(HtmlTable.From(original.named_modules().Select(m => m.module.GetType().Name).Where(t => t is not ("Sequential" or "AlexNetOriginal"))
        .GroupBy(t => t).OrderByDescending(g => g.Count()),
    ("layer type", g => g.Key), ("count", g => g.Count())));

// VGG: two stacked 3×3 convolutions see a 5×5 window, with 28 % fewer weights than one 5×5 (and one more ReLU).
long channels = 256;
var vggRows = new[]
{
    ("one 5×5 convolution", 5, 25 * channels * channels),
    ("two 3×3 convolutions", 5, 2 * 9 * channels * channels),
    ("one 7×7 convolution", 7, 49 * channels * channels),
    ("three 3×3 convolutions", 7, 3 * 9 * channels * channels),
};
display(HtmlTable.From(vggRows, ("layers (256 → 256 channels)", r => r.Item1), ("receptive field", r => $"{r.Item2}×{r.Item2}"), ("weights", r => r.Item3)));

// GoogLeNet: the auxiliary heads run only in training mode, and global average pooling leaves 1,024 numbers per image.
var googlenet = Zoo.Create("googlenet");
var train = ModelSummary.Compute(googlenet, new long[] { 1, 3, googlenetSize, googlenetSize }, training: true, modelName: "googlenet");
var eval = ModelSummary.Compute(googlenet, new long[] { 1, 3, googlenetSize, googlenetSize }, modelName: "googlenet");
string Ran(ModelSummaryResult s, string prefix) => s.Layers.Any(l => l.Name.StartsWith(prefix) && l.Executed) ? "runs" : "skipped";
display(HtmlTable.From(new[] { ("training", train), ("evaluation", eval) },
    ("mode", r => r.Item1), ("aux1", r => Ran(r.Item2, "aux1")), ("aux2", r => Ran(r.Item2, "aux2")),
    ("MACs", r => r.Item2.Macs), ("avgpool output", r => r.Item2.Layers.First(l => l.Name == "avgpool").OutputShape)));

// ResNet: the stages double the channels and halve the resolution; each stage is a chain of residual blocks.
var resnet50 = Zoo.Create("resnet50");
var blocks = resnet50.named_children().Where(c => c.name.StartsWith("layer")).Select(c => (c.name, c.module.children().Count())).ToDictionary(t => t.name, t => t.Item2);
display(HtmlTable.From(resnet50.FeatureInfo, ("stage", f => f.Module), ("channels", f => f.Channels), ("reduction", f => $"/{f.Reduction}"),
    ("residual blocks", f => blocks.TryGetValue(f.Module, out int n) ? n.ToString() : "(stem)")));

// ## What the first layer sees
//
// What the first layer of an (untrained) ResNet-18 makes of the photo: its 64 random 7×7 filters already respond to
// edges and colour contrasts; training turns them into the oriented edge and colour detectors of a trained network.

var resnet18 = Zoo.Create("resnet18");
resnet18.eval();
using (var extractor = new ModelZoo.Models.Transfer.FeatureExtractor(resnet18, "conv1"))
{
    var maps = extractor.Extract(imagenet)["conv1"][0];                                        // [64, 112, 112]
    display(TensorImage.Grid(Enumerable.Range(0, 16).Select(i => maps[i]), columns: 8, caption: "resnet18 conv1: 16 of 64 feature maps"));
}

// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.
static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);
