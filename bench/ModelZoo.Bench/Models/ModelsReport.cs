using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ModelZoo.Bench.Models;

/// <summary>The <c>models</c> report: a self-describing markdown page (machine, versions, peak derivation, method, one
/// table row per configuration, the acceptance figures of issue 11) and the same data as JSON.</summary>
internal static class ModelsReport
{
    internal sealed record Context(ModelsBenchOptions Options, MachineInfo Machine, DateTime Started, string LoadBefore, string LoadAfter,
        double OursMatmul, double? TorchMatmul, JsonObject? TorchHello, string CommandLine, bool TorchBf16, string Malloc)
    {
        public int PeakCores => Math.Min(Options.Threads, Machine.LogicalCpus);
        public double Peak => Machine.PeakGflops(PeakCores);
    }

    private static string F(double v, string format = "F2") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(Context c, IReadOnlyList<RowResult> rows, IReadOnlyList<(double Ours, double PyTorch, string? Error)> epochs)
    {
        ModelsBenchOptions o = c.Options;
        var s = new StringBuilder();
        s.AppendLine("## ModelZoo vs PyTorch eager: `ModelZoo.Bench models`").AppendLine();
        s.AppendLine($"- Date (UTC): {c.Started:yyyy-MM-dd HH:mm}; load average before / after: {c.LoadBefore} / {c.LoadAfter}");
        s.AppendLine($"- Command: `dotnet run -c Release --project bench/ModelZoo.Bench -- models {string.Join(' ', Environment.GetCommandLineArgs().Skip(2))}`");
        s.AppendLine($"- Machine: {c.Machine.Describe()}");
        s.AppendLine($"- Threads: {o.Threads} on both sides (torch.set_num_threads); OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "unset"}");
        s.AppendLine($"- Ours: TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version} (libtorch 2.10 CPU), .NET {Environment.Version}, Release build");
        if (c.TorchHello is { } h)
            s.AppendLine($"- PyTorch: torch {h["torch"]}, torchvision {h["torchvision"]} ({o.Python}), {h["threads"]} thread(s), mkldnn {h["mkldnn"]}");
        s.AppendLine($"- Native heap: {c.Malloc}; PyTorch: {(o.PyTorchMalloc == "keep" ? "MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647 (same settings)" : "glibc defaults, as users run it")}");
        s.AppendLine($"- fp32 FMA peak: {c.Machine.PeakDerivation(c.PeakCores)}");
        s.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"- Measured fp32 matmul {o.MatmulSize}×{o.MatmulSize}: ours {c.OursMatmul:F1} GFLOP/s{(c.TorchMatmul is { } t ? $", PyTorch {t:F1} GFLOP/s (its BLAS)" : "")}"));
        Timing tm = o.Timing;
        s.AppendLine($"- Method: per row and side, {tm.Warmup} warm-up iteration(s), then at least {tm.MinIterations} and until {tm.TargetSeconds:F0} s " +
            $"(median iteration → images/s); {o.RoundCount} interleaved round(s) per row (ours, PyTorch, ours, PyTorch, …), median of rounds. " +
            "Inputs x = sin(0.37 i), randomly initialised models (Zoo.Create / torchvision builders), 1000 classes (LeNet-5: 10). " +
            "GFLOP/s = 2 × forward MACs × images/s (training: × 3). Variants: nchw = plain model; channels-last = NHWC weights and " +
            "inputs; fast = our inference fast path (batch norm folded, layout auto) against PyTorch channels-last; bf16 = ours folded + " +
            "channels-last + bfloat16, PyTorch channels-last + bfloat16." + (o.Quick ? " **--quick: one short round, not a measurement.**" : ""));
        s.AppendLine();
        s.AppendLine("| model | task | batch | variant | ours img/s | PyTorch img/s | ours / PyTorch | ours GFLOP/s | % of matmul | % of FMA peak | note |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (RowResult r in rows)
            s.AppendLine($"| {r.Row.Model} | {r.Row.Task} | {r.Row.Batch} | {r.Row.Variant} | {F(r.OursImgPerSec)} | {F(r.PyTorchImgPerSec)} | {F(r.Ratio)} | " +
                $"{F(r.OursGflops, "F1")} | {F(100 * r.OursGflops / c.OursMatmul, "F0")} | {F(100 * r.OursGflops / c.Peak, "F0")} | {r.PyTorchNote} |");
        s.AppendLine();
        if (epochs.Count > 0)
        {
            double ours = Timing.Median(epochs.Select(e => e.Ours).ToArray()), torch = Timing.Median(epochs.Where(e => !double.IsNaN(e.PyTorch)).Select(e => e.PyTorch).ToArray());
            s.AppendLine($"LeNet-5, one MNIST-10k training epoch ({LeNetEpoch.Images} images, batch {LeNetEpoch.Batch}, data loading included, {epochs.Count} interleaved round(s), " +
                $"PyTorch pipeline '{o.LeNetPipeline}'): ours {F(ours)} s, PyTorch {F(torch)} s, **ours / PyTorch time {F(ours / torch)}** " +
                $"(rounds: {string.Join("; ", epochs.Select(e => $"{F(e.Ours)} / {F(e.PyTorch)}"))}){(epochs.Any(e => e.Error is not null) ? " " + epochs.First(e => e.Error is not null).Error : "")}");
            s.AppendLine();
        }
        s.Append(Acceptance(c, rows));
        return s.ToString();
    }

    private static string Acceptance(Context c, IReadOnlyList<RowResult> rows)
    {
        RowResult? Find(string model, string task, int batch, string variant) =>
            rows.FirstOrDefault(r => r.Row.Model == model && r.Row.Task == task && r.Row.Batch == batch && r.Row.Variant == variant);
        var s = new StringBuilder("### Acceptance figures (issue 11)\n\n");
        foreach ((string model, double target) in new[] { ("resnet50", 1.10), ("resnet18", 1.10), ("googlenet", 1.0) })
        {
            RowResult? fast = Find(model, "infer", 32, "fast"), nchw = Find(model, "infer", 32, "nchw"), cl = Find(model, "infer", 32, "channels-last");
            if (fast is null || nchw is null || cl is null) continue;
            double best = Math.Max(nchw.PyTorchImgPerSec, cl.PyTorchImgPerSec);
            string layout = cl.PyTorchImgPerSec >= nchw.PyTorchImgPerSec ? "channels-last" : "NCHW";
            s.AppendLine($"- {model} fp32 inference, batch 32: fast path {F(fast.OursImgPerSec)} img/s vs PyTorch's faster eager layout ({layout}) {F(best)} → **{F(fast.OursImgPerSec / best)}×** (target ≥ {target:F2})");
        }
        if (Find("resnet50", "infer", 32, "bf16") is { } bf && Find("resnet50", "infer", 32, "nchw") is { } n32)
            s.AppendLine($"- resnet50 bf16 inference, batch 32: {F(bf.OursImgPerSec)} img/s = **{F(bf.OursImgPerSec / n32.OursImgPerSec)}×** our NCHW fp32 (target ≥ 3; native bf16 on this CPU: {(c.Machine.HasNativeBf16 ? "yes" : "no")})");
        foreach ((string model, int batch) in new[] { ("resnet18", 32), ("resnet50", 16) })
        {
            RowResult? a = Find(model, "train", batch, "nchw"), b = Find(model, "train", batch, "channels-last");
            if (a is null || b is null) continue;
            double ours = Math.Max(a.OursImgPerSec, b.OursImgPerSec), torch = Math.Max(a.PyTorchImgPerSec, b.PyTorchImgPerSec);
            s.AppendLine($"- {model} training, batch {batch}: ours (faster layout) {F(ours)} img/s vs PyTorch (faster layout) {F(torch)} → **{F(ours / torch)}×** (target ≥ 1.0)");
        }
        if (Find("resnet50", "infer", 32, "fast") is { } r50)
            s.AppendLine($"- resnet50 fp32 inference, batch 32, fast path: {F(r50.OursGflops, "F1")} GFLOP/s = **{F(100 * r50.OursGflops / c.Peak, "F0")} % of the FMA peak** " +
                $"({F(c.Peak, "F1")} GFLOP/s; target ≥ 65 %) and {F(100 * r50.OursGflops / c.OursMatmul, "F0")} % of the measured matmul");
        return s.ToString();
    }

    public static JsonObject Json(Context c, IReadOnlyList<RowResult> rows, IReadOnlyList<(double Ours, double PyTorch, string? Error)> epochs)
    {
        static JsonArray Array(IEnumerable<double> v) => new(v.Select(x => (JsonNode?)JsonValue.Create(double.IsNaN(x) ? (double?)null : x)).ToArray());
        return new JsonObject
        {
            ["date_utc"] = c.Started.ToString("o", CultureInfo.InvariantCulture),
            ["command"] = c.CommandLine,
            ["machine"] = c.Machine.Describe(),
            ["threads"] = c.Options.Threads,
            ["peak_gflops"] = c.Peak,
            ["peak_derivation"] = c.Machine.PeakDerivation(c.PeakCores),
            ["matmul_gflops"] = new JsonObject { ["ours"] = c.OursMatmul, ["pytorch"] = c.TorchMatmul, ["n"] = c.Options.MatmulSize },
            ["load_average"] = new JsonObject { ["before"] = c.LoadBefore, ["after"] = c.LoadAfter },
            ["pytorch"] = c.TorchHello?.DeepClone(),
            ["quick"] = c.Options.Quick,
            ["malloc"] = new JsonObject { ["ours"] = c.Malloc, ["pytorch"] = c.Options.PyTorchMalloc },
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["model"] = r.Row.Model, ["task"] = r.Row.Task, ["batch"] = r.Row.Batch, ["variant"] = r.Row.Variant, ["macs"] = r.Macs,
                ["ours_img_per_s"] = Array(r.Ours), ["pytorch_img_per_s"] = Array(r.PyTorch), ["note"] = r.PyTorchNote,
                ["ours_median"] = r.OursImgPerSec, ["pytorch_median"] = double.IsNaN(r.PyTorchImgPerSec) ? null : r.PyTorchImgPerSec,
            }).ToArray()),
            ["lenet_epoch_seconds"] = new JsonObject { ["ours"] = Array(epochs.Select(e => e.Ours)), ["pytorch"] = Array(epochs.Select(e => e.PyTorch)), ["pytorch_pipeline"] = c.Options.LeNetPipeline },
        };
    }
}
