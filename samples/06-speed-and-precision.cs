// Generated from notebooks/06-speed-and-precision.ipynb by tools/NotebookRunner; edit the notebook, then regenerate with
//   dotnet run --project tools/NotebookRunner -c Release -- export notebooks/06-speed-and-precision.ipynb
// Run it with: dotnet run samples/06-speed-and-precision.cs   (images are saved as PNG files in sample-output/)
#:project ../src/Interactive/ModelZoo.Interactive.csproj
#:property UsesTorchRuntime=true
#:property PublishAot=false

using System.Diagnostics;
using ModelZoo.Data;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Loading;
using ModelZoo.Data.Transforms;
using ModelZoo.Interactive;
using ModelZoo.Models;
using ModelZoo.Training;
using ModelZoo.Training.Precision;
using TorchSharp;
using static TorchSharp.torch;

// Relative paths resolve from this file's folder, as they do from the notebook's.
Environment.CurrentDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// # 6 · Speed and precision
//
// Which device runs the work, what reduced precision buys and costs, how the fp16 loss scaler keeps small gradients
// alive, and what memory layout and bfloat16 do to inference time. Everything runs on the CPU when there is no GPU (and
// says so); the timings are of the machine that ran the notebook — re-run it on yours.
//
// Pack the libraries once (`dotnet pack build/Packages.slnf -c Release -o artifacts/packages`), then run the cells in order,
// or `dotnet run samples/06-speed-and-precision.cs`.

// ModelZoo from the local packages, plus one libtorch runtime: libtorch-cpu-linux-x64 on Linux;
// on Windows libtorch-cpu-win-x64, on macOS libtorch-cpu-osx-arm64, on any OS TorchSharp-cpu, with CUDA TorchSharp-cuda-linux.

// The notebook's parameters (CI runs it with smaller ones).
// parameters
var trainItems = 4096;       // synthetic shapes for the precision comparison
var epochs = 3;
var batch = 8;               // inference batch for the timings
var repeats = 10;            // timed forward passes per configuration

NotebookFormatters.Register();
bool hasCuda = torch.cuda.is_available();
var device = hasCuda ? "cuda" : "cpu";
display(HtmlTable.From(new[]
{
    ("CUDA available", hasCuda ? $"yes, {torch.cuda.device_count()} device(s)" : "no — everything below runs on the CPU"),
    ("device used", device),
    ("CPU threads", torch.get_num_threads().ToString()),
    ("TorchSharp", typeof(torch).Assembly.GetName().Version!.ToString()),
}, ("", r => r.Item1), ("", r => r.Item2)));

// ## Training in reduced precision
//
// The trainer's precision is a strategy: `fp32`, `bf16-mixed` (convolutions and linear layers run in bfloat16, float32
// master weights, batch norm and the loss in float32) and `fp16-mixed` (the same in float16, plus a dynamic loss scaler).
// The same LeNet-5, data and seed under each:

var (shapes, shapesSpec) = DatasetCatalog.Open("synthetic");
var shapesTransform = new Compose(new ToTensor(), new Normalize(shapesSpec.Mean, shapesSpec.Std));
var shapesTrain = new DataLoader(ClassificationSubset.Range(shapes, 0, trainItems), shapesTransform, new DataLoaderOptions { BatchSize = 64, Shuffle = true, Seed = 0 });
var shapesEval = new DataLoader(ClassificationSubset.Range(shapes, 9000, 10000), shapesTransform, new DataLoaderOptions { BatchSize = 250 });
var precisionRows = new[] { "fp32", "bf16-mixed", "fp16-mixed" }.Select(precision =>
{
    using var model = Zoo.Create("lenet5", new ModelOptions { NumClasses = shapesSpec.Classes.Count, InChannels = 1, InputSize = 28, Seed = 0 });
    var result = new Trainer(new TrainerOptions { Epochs = epochs, LearningRate = 0.02, Device = device, Precision = precision, Seed = 0 })
        .Fit(model, shapesTrain, shapesEval);
    return (precision, result);
}).ToList();
display(HtmlTable.From(precisionRows, ("precision", r => r.precision), ("final train loss", r => r.result.Last.TrainLoss),
    ("eval accuracy", r => $"{r.result.Last.EvalAccuracy:P2}"), ("seconds", r => Math.Round(r.result.Duration.TotalSeconds, 1))));

// ## The loss scaler
//
// float16 flushes values below about 6·10⁻⁸ to zero, so small gradients vanish. The scaler multiplies the loss by a large
// power of two before backward, divides the gradients by it before the step, skips any step whose gradients overflowed
// (inf or NaN) and halves the scale, and doubles it again after a run of good steps. Below: a scaler with a growth
// interval of 4 fed a sequence of steps, three of which overflow.

var scaler = new DynamicLossScaler(new DynamicLossScalerOptions { InitScale = 1024, GrowthInterval = 4 });
var overflowAt = new HashSet<int> { 3, 4, 11 };
var scaleTrace = new List<(int Step, bool Overflow, double Scale, int Tracker)>();
for (int step = 1; step <= 16; step++)
{
    scaler.Update(foundInf: overflowAt.Contains(step));
    scaleTrace.Add((step, overflowAt.Contains(step), scaler.Scale, scaler.GrowthTracker));
}
display(Chart.Lines("Loss scale over steps (overflow at 3, 4, 11)", "step", "scale",
    new[] { new ChartSeries("scale", scaleTrace.Select(t => t.Scale).ToArray(), scaleTrace.Select(t => (double)t.Step).ToArray()) }));
// What the scale is for: a gradient of 1e-8 survives float16 only when scaled.
var tiny = torch.tensor(1e-8f);
display(HtmlTable.From(new[] { ("1e-8 in float16", tiny.to(ScalarType.Float16).to(ScalarType.Float32).item<float>()),
                               ("1e-8 × 1024 in float16, then ÷ 1024", (tiny * 1024).to(ScalarType.Float16).to(ScalarType.Float32).item<float>() / 1024) },
    ("value", r => r.Item1), ("after the round trip", r => r.Item2.ToString("E3"))));
display(HtmlTable.From(scaleTrace, ("step", t => t.Step), ("overflow", t => t.Overflow ? "inf/NaN: step skipped" : ""), ("scale after", t => t.Scale), ("good steps in a row", t => t.Tracker)));

// ## Inference: memory layout and bfloat16
//
// ResNet-18 forward passes on a batch of 224×224 images, timed after a warm-up. *Channels-last* (NHWC) stores the
// channels of a pixel together, which the oneDNN convolution kernels prefer; here the input is converted with a permute
// (TorchSharp 0.107 has no memory-format API, and the weights stay NCHW). bfloat16 halves the bytes moved; whether it is
// faster depends on the CPU's bfloat16 support. The outputs are compared with float32.

var resnet = Zoo.Create("resnet18");
resnet.eval();
var images = torch.randn(batch, 3, 224, 224);
Tensor ChannelsLast(Tensor x) => x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);    // NCHW shape, NHWC strides
double Time(Func<Tensor> forward)
{
    using (torch.no_grad())
    {
        forward().Dispose();                                                                     // warm-up
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++) forward().Dispose();
        return watch.Elapsed.TotalMilliseconds / repeats;
    }
}
Tensor reference;
using (torch.no_grad()) reference = resnet.call(images);
double fp32 = Time(() => resnet.call(images));
var nhwc = ChannelsLast(images);
double channelsLast = Time(() => resnet.call(nhwc));
Tensor nhwcOut;
using (torch.no_grad()) nhwcOut = resnet.call(nhwc);
var bf16Model = Zoo.Create("resnet18");
bf16Model.load_state_dict(resnet.state_dict());
bf16Model.to(ScalarType.BFloat16);
bf16Model.eval();
var bfImages = images.to(ScalarType.BFloat16);
double bf16 = Time(() => bf16Model.call(bfImages));
Tensor bf16Out;
using (torch.no_grad()) bf16Out = bf16Model.call(bfImages).to(ScalarType.Float32);
var timing = new[]
{
    ("float32, NCHW", fp32, 0.0, true),
    ("float32, channels-last input", channelsLast, (nhwcOut - reference).abs().max().item<float>(), true),
    ("bfloat16 weights and input", bf16, (bf16Out - reference).abs().max().item<float>(), (bf16Out.argmax(1) == reference.argmax(1)).all().item<bool>()),
};
display(HtmlTable.From(timing, ("configuration", t => t.Item1), ("ms per batch", t => Math.Round(t.Item2, 1)), ("images/s", t => Math.Round(batch * 1000 / t.Item2)),
    ("max |logit − float32|", t => t.Item3.ToString("E1")), ("same top-1 as float32", t => t.Item4 ? "yes" : "no")));
display(Chart.Bars($"ResNet-18, batch {batch}, {device.ToUpperInvariant()}", "ms per batch", timing.Select(t => (t.Item1, t.Item2)).ToArray(), valueFormat: "0.0"));

// What the notebook's display(...) shows: text printed, tables aligned, images saved as PNG files.
static void display(object? value) => ModelZoo.Interactive.ConsoleDisplay.Show(value);
