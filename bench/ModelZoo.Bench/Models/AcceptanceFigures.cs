using System.Globalization;
using System.Text.Json.Nodes;
using ModelZoo.Models.Summary;

namespace ModelZoo.Bench.Models;

/// <summary>
/// Issue 11's acceptance ratios read from one run's rows: each with its value, its target, whether it is met, and one
/// markdown line that names the figures it was computed from. The same list goes into the markdown and the JSON report.
/// </summary>
internal static class AcceptanceFigures
{
    internal sealed record Figure(string Name, double Value, double Target, bool AtMost, string Text)
    {
        public bool? Met => double.IsNaN(Value) ? null : AtMost ? Value <= Target : Value >= Target;

        public string Verdict => Met switch { true => "met", false => "**not met**", null => "not measured" };

        public JsonObject ToJson() => new()
        {
            ["name"] = Name, ["value"] = double.IsNaN(Value) ? null : Value, ["target"] = Target,
            ["comparison"] = AtMost ? "<=" : ">=", ["met"] = Met,
        };
    }

    private static string F(double v, string format = "F2") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    public static IReadOnlyList<Figure> Compute(ModelsReport.Context c, IReadOnlyList<RowResult> rows,
        IReadOnlyList<(double Ours, double PyTorch, string? Error)> epochs)
    {
        RowResult? Find(string model, string task, int batch, string variant) =>
            rows.FirstOrDefault(r => r.Row.Model == model && r.Row.Task == task && r.Row.Batch == batch && r.Row.Variant == variant);
        var figures = new List<Figure>();
        foreach ((string model, double target) in new[] { ("resnet50", 1.10), ("resnet18", 1.10), ("googlenet", 1.0) })
        {
            RowResult? fast = Find(model, "infer", 32, "fast"), nchw = Find(model, "infer", 32, "nchw"), cl = Find(model, "infer", 32, "channels-last");
            if (fast is null) continue;
            double torchCl = fast.PyTorchImgPerSec, torchNchw = nchw?.PyTorchImgPerSec ?? double.NaN;
            if (double.IsNaN(torchCl) && cl is not null) torchCl = cl.PyTorchImgPerSec;
            double best = double.IsNaN(torchNchw) ? torchCl : Math.Max(torchCl, torchNchw);
            string layout = !(torchNchw > torchCl) ? "channels-last" : "NCHW";
            double ratio = fast.OursImgPerSec / best;
            figures.Add(new Figure($"{model}_infer_b32_vs_pytorch_best", ratio, target, false,
                $"{model} fp32 inference, batch 32: our fast path {F(fast.OursImgPerSec)} img/s vs PyTorch eager channels-last {F(torchCl)}, " +
                $"NCHW {F(torchNchw)} → **{F(ratio)}×** its faster layout ({layout}); target ≥ {target:F2}"));
        }
        if (Find("resnet50", "infer", 32, "bf16") is { } bf && Find("resnet50", "infer", 32, "nchw") is { } n32)
            figures.Add(new Figure("resnet50_bf16_vs_our_nchw_fp32", bf.OursImgPerSec / n32.OursImgPerSec, 3.0, false,
                $"resnet50 bf16 inference, batch 32: {F(bf.OursImgPerSec)} img/s vs our NCHW fp32 {F(n32.OursImgPerSec)} → " +
                $"**{F(bf.OursImgPerSec / n32.OursImgPerSec)}×**; target ≥ 3 (native bf16 on this CPU: {(c.Machine.HasNativeBf16 ? "yes" : "no, oneDNN emulates it")})"));
        if (c.Accuracy.FirstOrDefault(a => a.Variant == "fast bf16") is { } b16)
        {
            string all = string.Join(", ", c.Accuracy.Select(a => $"{a.Variant} {a.Correct:N0}/{a.Count:N0}"));
            figures.Add(new Figure("lenet_fyh620_bf16_images_from_9813", Math.Abs(b16.Correct - LeNetAccuracy.Expected), LeNetAccuracy.Tolerance, true,
                $"real LeNet checkpoint (fyh620) on MNIST t10k: {all} → bf16 is **{b16.Correct - LeNetAccuracy.Expected:+0;-0;0} image(s)** from 9,813; target within ±{LeNetAccuracy.Tolerance}"));
        }
        foreach ((string model, int batch) in new[] { ("resnet18", 32), ("resnet50", 16) })
        {
            RowResult? a = Find(model, "train", batch, "nchw"), b = Find(model, "train", batch, "channels-last");
            if (a is null || b is null) continue;
            double ours = Math.Max(a.OursImgPerSec, b.OursImgPerSec), torch = Max(a.PyTorchImgPerSec, b.PyTorchImgPerSec);
            figures.Add(new Figure($"{model}_train_b{batch}_vs_pytorch_best", ours / torch, 1.0, false,
                $"{model} training, batch {batch}: ours NCHW {F(a.OursImgPerSec)} / channels-last {F(b.OursImgPerSec)} img/s, PyTorch NCHW " +
                $"{F(a.PyTorchImgPerSec)} / channels-last {F(b.PyTorchImgPerSec)} → **{F(ours / torch)}×** (each side's faster layout); target ≥ 1.0"));
        }
        if (epochs.Count > 0)
        {
            double ours = Timing.Median(epochs.Select(e => e.Ours).ToArray());
            double torch = Timing.Median(epochs.Where(e => !double.IsNaN(e.PyTorch)).Select(e => e.PyTorch).ToArray());
            figures.Add(new Figure("lenet5_mnist_epoch_time_vs_pytorch", ours / torch, 0.8, true,
                $"LeNet-5 MNIST-10k epoch (8,000 images, batch 64, loading included): ours {F(ours)} s vs PyTorch {F(torch)} s → " +
                $"**{F(ours / torch)}× the time**; target ≤ 0.80"));
        }
        if (Find("resnet50", "infer", 32, "fast") is { } r50)
            figures.Add(new Figure("resnet50_infer_fraction_of_fma_peak", r50.OursGflops / c.Peak, 0.65, false,
                $"resnet50 fp32 inference, batch 32, fast path: {F(r50.OursGflops, "F1")} GFLOP/s = **{F(100 * r50.OursGflops / c.Peak, "F0")} % " +
                $"of the fp32 FMA peak** ({F(c.Peak, "F1")} GFLOP/s) and {F(100 * r50.OursGflops / c.OursMatmul, "F0")} % of our measured " +
                $"{c.Options.MatmulSize}² matmul ({F(c.OursMatmul, "F1")} GFLOP/s); target ≥ 65 % of the peak"));
        return figures;
    }

    /// <summary>How much of PyTorch's time in a row its fully connected layers can take at its measured matmul rate (its
    /// reference BLAS): Linear MACs × 2 (× 3 for a training step) / matmul GFLOP/s, as a share of its measured batch time.</summary>
    public static string BlasNote(ModelsReport.Context c, IReadOnlyList<RowResult> rows,
        IReadOnlyList<(double Ours, double PyTorch, string? Error)> epochs)
    {
        if (c.TorchMatmul is not { } gflops || gflops <= 0) return "";
        var lines = rows.Where(r => r.Row.Batch > 1 && !double.IsNaN(r.PyTorchImgPerSec) && r.Row.Variant != "bf16")
            .GroupBy(r => (r.Row.Model, r.Row.Task))
            .Select(g =>
            {
                RowResult r = g.First();
                double linearSeconds = 2.0 * r.LinearMacs * (r.Row.IsTraining ? 3 : 1) * r.Row.Batch / (gflops * 1e9);
                double batchSeconds = r.Row.Batch / g.Max(x => x.PyTorchImgPerSec);
                return $"{r.Row.Model} {r.Row.Task} b{r.Row.Batch}: Linear layers {F(100.0 * r.LinearMacs / r.Macs, "F2")} % of the MACs, ≈ {F(1000 * linearSeconds, "F0")} ms " +
                    $"= {F(100 * linearSeconds / batchSeconds, "F1")} % of PyTorch's batch time";
            }).ToList();
        double epochSeconds = Timing.Median(epochs.Where(e => !double.IsNaN(e.PyTorch)).Select(e => e.PyTorch).ToArray());
        if (!double.IsNaN(epochSeconds))
        {
            ModelSummaryResult lenet = ModelSummary.Compute("lenet5", new long[] { 1, 1, 32, 32 });
            long linear = lenet.Layers.Where(l => l.Type == "Linear").Sum(l => l.Macs);
            double seconds = 2.0 * linear * 3 * LeNetEpoch.Images / (gflops * 1e9);
            lines.Add($"LeNet-5 MNIST epoch: Linear layers {F(100.0 * linear / lenet.Macs, "F0")} % of the MACs, ≈ {F(seconds)} s = " +
                $"{F(100 * seconds / epochSeconds, "F1")} % of PyTorch's epoch (small matrices may run faster than the 2048² rate)");
        }
        return lines.Count == 0 ? "" :
            $"PyTorch's reference BLAS ({F(gflops, "F1")} GFLOP/s on the {c.Options.MatmulSize}² matmul) runs only its fully connected layers here " +
            "(convolutions go through oneDNN); at that rate they take at most: " + string.Join("; ", lines) + ".";
    }

    private static double Max(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);
}
