// Generated from notebooks/01-convolution-basics.ipynb by tools/NotebookRunner; edit the notebook, then regenerate with
//   dotnet run --project tools/NotebookRunner -c Release -- export notebooks/01-convolution-basics.ipynb
// Run it with: dotnet run samples/01-convolution-basics.cs   (images are saved as PNG files in sample-output/)
#:project ../src/Interactive/ModelZoo.Interactive.csproj
#:property UsesTorchRuntime=true
#:property PublishAot=false

using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using ModelZoo.Interactive;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

// Relative paths resolve from this file's folder, as they do from the notebook's.
Environment.CurrentDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// # 1 · Convolution basics
//
// What a convolutional layer computes, checked number for number against TorchSharp's `Conv2d`: the sliding dot product
// written by hand, the classic image kernels on a real photo, stride, padding and the output-size formula, max versus
// average pooling, why convolutions need so few parameters, the im2col trick that turns a convolution into one matrix
// product, and batch versus layer normalisation.
//
// **Running it.** From the repository root, pack the libraries once: `dotnet pack build/Packages.slnf -c Release -o artifacts/packages`
// (`notebooks/nuget.config` points NuGet at that folder). Then open this file in VS Code with the Polyglot Notebooks extension
// (or Jupyter with the .NET kernel) and run the cells in order — or run its twin without a notebook:
// `dotnet run samples/01-convolution-basics.cs`.

// ModelZoo from the local packages, plus one libtorch runtime: libtorch-cpu-linux-x64 on Linux;
// on Windows libtorch-cpu-win-x64, on macOS libtorch-cpu-osx-arm64, on any OS TorchSharp-cpu, with CUDA TorchSharp-cuda-linux.

// The notebook's parameters (CI runs it with smaller ones).
// parameters
var photoPath = "../../shared/data/images/cat.jpg";   // any JPEG/PNG; the repository's tests use ../shared/data/images
var photoSize = 180;                                   // the photo's shorter side after resizing, in pixels

NotebookFormatters.Register();
torch.manual_seed(0);
display($"TorchSharp {typeof(torch).Assembly.GetName().Version}, {torch.get_num_threads()} threads");

// ## A convolution by hand
//
// A `Conv2d` with `C` input channels, `O` output channels and a `k×k` kernel computes, for every output channel `o` and
// position `(i, j)`:
//
// $$y_{o,i,j} = b_o + \sum_{c=0}^{C-1} \sum_{u=0}^{k-1} \sum_{v=0}^{k-1} w_{o,c,u,v}\; x_{c,\; i\cdot s + u - p,\; j\cdot s + v - p}$$
//
// with stride `s`, zero padding `p`, and `x` read as 0 outside the image. Below: the same loops in plain C#, over plain
// arrays, against `nn.Conv2d` with the same weights.

var conv = nn.Conv2d(3, 4, kernel_size: 3, stride: 2, padding: 1);
var x = torch.randn(1, 3, 9, 9);
var expected = conv.call(x);
float[] HandConv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding)
{
    int C = (int)input.shape[1], H = (int)input.shape[2], W = (int)input.shape[3];
    int O = (int)weight.shape[0], k = (int)weight.shape[2];
    int outH = (H + 2 * padding - k) / stride + 1, outW = (W + 2 * padding - k) / stride + 1;
    float[] xs = input.contiguous().data<float>().ToArray(), ws = weight.contiguous().data<float>().ToArray(), bs = bias.data<float>().ToArray();
    var y = new float[O * outH * outW];
    for (int o = 0; o < O; o++)
        for (int i = 0; i < outH; i++)
            for (int j = 0; j < outW; j++)
            {
                double sum = bs[o];
                for (int c = 0; c < C; c++)
                    for (int u = 0; u < k; u++)
                        for (int v = 0; v < k; v++)
                        {
                            int row = i * stride + u - padding, col = j * stride + v - padding;
                            if (row < 0 || row >= H || col < 0 || col >= W) continue;   // zero padding
                            sum += ws[((o * C + c) * k + u) * k + v] * xs[(c * H + row) * W + col];
                        }
                y[(o * outH + i) * outW + j] = (float)sum;
            }
    return y;
}
var byHand = torch.tensor(HandConv2d(x, conv.weight!, conv.bias!, stride: 2, padding: 1), expected.shape);
var handDiff = (byHand - expected).abs().max().item<float>();
if (handDiff > 1e-6) throw new Exception($"hand convolution differs from Conv2d by {handDiff}");
display($"output {string.Join("×", expected.shape)}; max |hand − Conv2d| = {handDiff:E2} (≤ 1e-6)");

// ## The classic kernels on a photo
//
// A single-channel convolution with a hand-made 3×3 (or 5×5) kernel is an image filter. Each kernel below is applied with
// `functional.conv2d` to the grey version of the photo; edge kernels give signed responses, shown as magnitudes.

var photo = ImageDecoder.Decode(photoPath, ImageMode.L);
photo = new Resize(photoSize).Apply(photo, new Random(0));
var grey = ToTensor.ToFloatTensor(photo).unsqueeze(0);        // [1, 1, H, W] in [0, 1]
Tensor Kernel(float[,] k) => torch.tensor(k).reshape(1, 1, k.GetLength(0), k.GetLength(1));
var g1 = torch.tensor(new float[] { 1, 4, 6, 4, 1 }) / 16;
var kernels = new (string Name, Tensor K, bool Signed)[]
{
    ("identity", Kernel(new float[,] { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 0 } }), false),
    ("edges (Laplacian)", Kernel(new float[,] { { -1, -1, -1 }, { -1, 8, -1 }, { -1, -1, -1 } }), true),
    ("Sobel x", Kernel(new float[,] { { -1, 0, 1 }, { -2, 0, 2 }, { -1, 0, 1 } }), true),
    ("Sobel y", Kernel(new float[,] { { -1, -2, -1 }, { 0, 0, 0 }, { 1, 2, 1 } }), true),
    ("sharpen", Kernel(new float[,] { { 0, -1, 0 }, { -1, 5, -1 }, { 0, -1, 0 } }), false),
    ("box blur 3×3", torch.ones(1, 1, 3, 3) / 9, false),
    ("Gaussian blur 5×5", g1.outer(g1).reshape(1, 1, 5, 5), false),
};
var filtered = kernels.Select(k =>
{
    var y = F.conv2d(grey, k.K, padding: new long[] { k.K.shape[2] / 2, k.K.shape[3] / 2 })[0];
    return k.Signed ? y.abs() : y.clamp(0, 1);
}).ToList();
var sobel = (filtered[2].square() + filtered[3].square()).sqrt();
filtered.Add(sobel);
display(TensorImage.Grid(filtered, columns: 4,
    captions: kernels.Select(k => k.Name).Append("Sobel magnitude").ToArray(), caption: "Classic kernels"));

// ## Stride, padding, dilation and the output size
//
// Along one axis of length `n`, a kernel of size `k` with stride `s`, padding `p` and dilation `d` gives
//
// $$n_{out} = \left\lfloor \frac{n + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1$$
//
// "Same" padding for an odd kernel at stride 1 is `p = (k−1)/2`; stride 2 halves the size. The table checks the formula
// against the shape `Conv2d` actually produces.

long OutputSize(long n, long k, long s, long p, long d) => (n + 2 * p - d * (k - 1) - 1) / s + 1;
var cases = new (long N, long K, long S, long P, long D, string Where)[]
{
    (32, 5, 1, 0, 1, "LeNet-5 C1: 32 → 28"),
    (32, 3, 1, 1, 1, "3×3 'same' (VGG)"),
    (224, 7, 2, 3, 1, "ResNet stem: 224 → 112"),
    (56, 3, 2, 1, 1, "ResNet downsampling: 56 → 28"),
    (224, 11, 4, 2, 1, "AlexNet conv1: 224 → 55"),
    (32, 3, 1, 2, 2, "dilation 2 keeps 32 with padding 2"),
    (7, 3, 2, 0, 1, "no padding, stride 2: 7 → 3"),
};
var sizeRows = cases.Select(c =>
{
    using var layer = nn.Conv2d(1, 1, c.K, stride: c.S, padding: c.P, dilation: c.D);
    long actual = layer.call(torch.zeros(1, 1, c.N, c.N)).shape[2];
    return (c, formula: OutputSize(c.N, c.K, c.S, c.P, c.D), actual);
}).ToArray();
if (sizeRows.Any(r => r.formula != r.actual)) throw new Exception("the output-size formula disagrees with Conv2d");
display(HtmlTable.From(sizeRows, ("case", r => r.c.Where), ("n", r => r.c.N), ("k", r => r.c.K), ("stride", r => r.c.S),
    ("padding", r => r.c.P), ("dilation", r => r.c.D), ("formula", r => r.formula), ("Conv2d", r => r.actual)));

// ## Max versus average pooling
//
// Pooling shrinks a feature map without parameters: a 2×2 max pool keeps the strongest response of each block (sharp
// edges survive), an average pool keeps the mean (a blur followed by subsampling).

var block = torch.tensor(new float[] { 1, 3, 2, 0, 5, 6, 1, 2, 0, 0, 7, 8, 1, 1, 3, 4 }).reshape(1, 1, 4, 4);
var maxPool = nn.MaxPool2d(2);
var avgPool = nn.AvgPool2d(2);
Console.WriteLine("input 4×4:\n" + block[0, 0].ToString(TorchSharp.TensorStringStyle.Numpy));
Console.WriteLine("max pool 2×2:\n" + maxPool.call(block)[0, 0].ToString(TorchSharp.TensorStringStyle.Numpy));
Console.WriteLine("average pool 2×2:\n" + avgPool.call(block)[0, 0].ToString(TorchSharp.TensorStringStyle.Numpy));
var edges = sobel.unsqueeze(0);
Tensor Enlarge(Tensor t, int times) => t.repeat_interleave(times, dim: -1).repeat_interleave(times, dim: -2);   // nearest, to compare sizes
display(TensorImage.Grid(new[] { sobel, Enlarge(maxPool.call(maxPool.call(edges))[0], 4), Enlarge(avgPool.call(avgPool.call(edges))[0], 4) }, columns: 3,
    captions: new[] { "Sobel magnitude", "max pool 2×2, twice", "average pool 2×2, twice" }, caption: "Pooling"));

// ## Counting parameters: weight sharing
//
// A convolution's weights are shared by every position, so its size depends on channels and kernel only:
// `O·C·k·k + O`. A fully connected layer mapping the same 32×32×3 input to the same 16×32×32 output would need one weight
// per input–output pair.

long Count(nn.Module m) => m.parameters().Sum(p => p.numel());
var conv3 = nn.Conv2d(3, 16, 3, padding: 1);
var conv5 = nn.Conv2d(3, 16, 5, padding: 2);
var head = nn.Linear(3 * 32 * 32, 10);
var paramRows = new (string Layer, string Output, long Formula, long? Counted)[]
{
    ("Conv2d(3→16, 3×3)", "16×32×32", 16 * 3 * 3 * 3 + 16, Count(conv3)),
    ("Conv2d(3→16, 5×5)", "16×32×32", 16 * 3 * 5 * 5 + 16, Count(conv5)),
    ("Linear(3072→10), a classifier head", "10", 3072 * 10 + 10, Count(head)),
    ("Linear(3072→16384), same output as the conv", "16×32×32", 3072L * 16384 + 16384, null),   // 50 M weights: not allocated
};
if (paramRows.Any(r => r.Counted is long c && c != r.Formula)) throw new Exception("parameter formula disagrees with the module");
display(HtmlTable.From(paramRows, ("layer (input 3×32×32)", r => r.Layer), ("output", r => r.Output), ("parameters (formula)", r => r.Formula),
    ("counted from the module", r => r.Counted?.ToString("N0") ?? "(formula only)")));

// ## im2col: a convolution is one matrix product
//
// `unfold` (im2col) copies every k×k×C input patch into a column: for the 9×9 input above with a 3×3 kernel, stride 2 and
// padding 1 that is a `[C·k·k, L] = [27, 25]` matrix. Multiplying by the weights reshaped to `[O, C·k·k]` gives every
// output at once — the way many libraries implement convolutions on top of a fast matrix multiply (GEMM).

var columns = F.unfold(x, kernel_size: 3, padding: 1, stride: 2);                 // [1, 27, 25]
var weights = conv.weight!.reshape(conv.weight!.shape[0], -1);                   // [4, 27]
var im2col = (weights.matmul(columns) + conv.bias!.reshape(-1, 1)).reshape(expected.shape);
var im2colDiff = (im2col - expected).abs().max().item<float>();
if (im2colDiff > 1e-6) throw new Exception($"im2col differs from Conv2d by {im2colDiff}");
display($"columns {string.Join("×", columns.shape)}, weights {string.Join("×", weights.shape)}; max |im2col − Conv2d| = {im2colDiff:E2}");

// ## Batch normalisation versus layer normalisation
//
// Both subtract a mean and divide by a standard deviation; they differ in *which* values share the statistics.
// `BatchNorm2d` (training mode) normalises each **channel** over the batch and the spatial positions; `LayerNorm` normalises
// each **sample** over its channels and positions, so it does not depend on the batch at all.

var acts = torch.randn(4, 3, 2, 2) * 3 + 2;
var bn = nn.BatchNorm2d(3);
bn.train();
var ln = nn.LayerNorm(new long[] { 3, 2, 2 });
var bnOut = bn.call(acts);
var lnOut = ln.call(acts);
Tensor Normalise(Tensor t, long[] dims) => (t - t.mean(dims, keepdim: true)) / (t.var(dims, unbiased: false, keepdim: true) + 1e-5).sqrt();
var bnDiff = (Normalise(acts, new long[] { 0, 2, 3 }) - bnOut).abs().max().item<float>();
var lnDiff = (Normalise(acts, new long[] { 1, 2, 3 }) - lnOut).abs().max().item<float>();
if (bnDiff > 1e-5 || lnDiff > 1e-5) throw new Exception($"hand normalisation differs: batch {bnDiff}, layer {lnDiff}");
var stats = new List<(string What, string Group, double Mean, double Std)>();
for (int c = 0; c < 3; c++)
    stats.Add(("BatchNorm2d", $"channel {c}", bnOut[.., c].mean().item<float>(), bnOut[.., c].std(unbiased: false).item<float>()));
for (int n = 0; n < 4; n++)
    stats.Add(("LayerNorm", $"sample {n}", lnOut[n].mean().item<float>(), lnOut[n].std(unbiased: false).item<float>()));
display($"max |hand − module|: batch norm {bnDiff:E1}, layer norm {lnDiff:E1}");
display(HtmlTable.From(stats, ("layer", s => s.What), ("statistics over", s => s.Group), ("mean after", s => Math.Round(s.Mean, 6) + 0.0), ("std after", s => s.Std)));

// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.
static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);
