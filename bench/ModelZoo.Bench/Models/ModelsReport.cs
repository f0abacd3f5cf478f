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

        /// <summary>The real LeNet checkpoint's accuracy per variant (--acceptance), else empty.</summary>
        public IReadOnlyList<LeNetAccuracy.Result> Accuracy { get; init; } = Array.Empty<LeNetAccuracy.Result>();

        /// <summary>Wall seconds of the whole run.</summary>
        public double Seconds { get; init; }
        public double Peak => Machine.PeakGflops(PeakCores);
    }

    private static string F(double v, string format = "F2") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(Context c, IReadOnlyList<RowResult> rows, IReadOnlyList<(double Ours, double PyTorch, string? Error)> epochs)
    {
        ModelsBenchOptions o = c.Options;
        var s = new StringBuilder();
        s.AppendLine("## ModelZoo vs PyTorch eager: `ModelZoo.Bench models`").AppendLine();
        s.AppendLine($"- Date (UTC): {c.Started:yyyy-MM-dd HH:mm}; load average before / after: {c.LoadBefore} / {c.LoadAfter}; run took {c.Seconds / 60:F1} min");
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
        s.AppendLine($"- Method: per row and side, {tm.Warmup} warm-up iteration(s){(o.Acceptance ? " in the first round only" : "")}, then at least {tm.MinIterations} and until {tm.TargetSeconds:F0} s " +
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
        s.Append(Acceptance(c, rows, epochs));
        return s.ToString();
    }

    private static string Acceptance(Context c, IReadOnlyList<RowResult> rows, IReadOnlyList<(double Ours, double PyTorch, string? Error)> epochs)
    {
        var s = new StringBuilder("### Acceptance figures (issue 11)\n\n");
        foreach (AcceptanceFigures.Figure f in AcceptanceFigures.Compute(c, rows, epochs)) s.AppendLine($"- {f.Text}: {f.Verdict}");
        if (AcceptanceFigures.BlasNote(c, rows, epochs) is { Length: > 0 } note) s.AppendLine().AppendLine(note);
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
            ["seconds"] = c.Seconds,
            ["acceptance"] = new JsonArray(AcceptanceFigures.Compute(c, rows, epochs).Select(f => (JsonNode)f.ToJson()).ToArray()),
            ["lenet_checkpoint_accuracy"] = new JsonArray(c.Accuracy.Select(a => (JsonNode)new JsonObject
            {
                ["variant"] = a.Variant, ["correct"] = a.Correct, ["count"] = a.Count, ["seconds"] = a.Seconds,
            }).ToArray()),
            ["lenet_epoch_seconds"] = new JsonObject { ["ours"] = Array(epochs.Select(e => e.Ours)), ["pytorch"] = Array(epochs.Select(e => e.PyTorch)), ["pytorch_pipeline"] = c.Options.LeNetPipeline },
        };
    }
}
