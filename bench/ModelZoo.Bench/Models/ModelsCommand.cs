using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelZoo.Bench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Bench.Models;

/// <summary>
/// <c>models</c>: throughput of every requested model in every variant (<see cref="ModelsBenchOptions.RowsFor"/>),
/// with GFLOP/s against a measured large matmul and the CPU's FMA peak, optionally interleaved row by row with PyTorch
/// (<see cref="PyTorchWorker"/>), plus the LeNet-5 MNIST epoch comparison. Prints a markdown report; --json writes every
/// measurement, --markdown writes the report to a file as well. <c>--acceptance</c> measures only what issue 11's
/// acceptance list reads (<see cref="ModelsBenchOptions.AcceptanceRows"/>), plus the real LeNet checkpoint in bf16.
/// </summary>
internal static class ModelsCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        ModelsBenchOptions o = ModelsBenchOptions.Parse(args);
        string malloc = o.ApplyMalloc();
        torch.set_num_threads(o.Threads);
        MachineInfo machine = MachineInfo.Detect(o.FmaUnits, o.ClockGhz);
        var started = DateTime.UtcNow;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        string loadBefore = LoadAverage();
        using PyTorchWorker? worker = o.ComparePyTorch ? PyTorchWorker.Start(o.Python, o.Threads, o.PythonEnvironment) : null;
        bool torchBf16 = o.Bf16 == "on" || (o.Bf16 == "auto" && machine.HasNativeBf16);

        double oursMatmul = Matmul(o.MatmulSize, o.Timing);
        double? torchMatmul = worker is null ? null : worker.Send(new JsonObject { ["cmd"] = "matmul", ["n"] = o.MatmulSize, ["min_iterations"] = o.Timing.MinIterations + 1 })["gflops"]?.GetValue<double>();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matmul {o.MatmulSize}²: ours {oursMatmul:F1} GFLOP/s{(torchMatmul is { } t ? $", PyTorch {t:F1}" : "")}"));

        bool PastDeadline() => o.DeadlineMinutes is { } m && elapsed.Elapsed.TotalMinutes > m;
        IReadOnlyList<LeNetAccuracy.Result> accuracy = Array.Empty<LeNetAccuracy.Result>();
        if (o.Acceptance)
        {
            accuracy = LeNetAccuracy.Measure(o.LeNetCheckpoint, o.MnistDir);
            foreach (LeNetAccuracy.Result a in accuracy)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.Elapsed.TotalSeconds,6:F0} s  fyh620 LeNet {a.Variant}: {a.Correct}/{a.Count} ({a.Seconds:F1} s)"));
        }

        List<(double Ours, double PyTorch, string? Error)> epochs = new();
        if (o.LeNetEpoch && o.Models.Contains("lenet5"))
            for (int r = 0; r < o.RoundCount && (r == 0 || !PastDeadline()); r++)
            {
                double oursSeconds = LeNetEpoch.Ours(o.MnistDir, o.Threads);
                (double torchSeconds, string? error) = worker is null ? (double.NaN, "not compared") : LeNetEpoch.PyTorch(o.Python, o.MnistDir, o.Threads, o.LeNetPipeline, o.PythonEnvironment);
                epochs.Add((oursSeconds, torchSeconds, error));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.Elapsed.TotalSeconds,6:F0} s  lenet5 MNIST epoch round {r + 1}: ours {oursSeconds:F2} s, PyTorch {torchSeconds:F2} s {error}"));
            }

        var results = new List<RowResult>();
        using (var ours = new OursRunner())
        {
            foreach (BenchRow row in o.Rows())
            {
                RowResult result = Measure(row, ours, worker, o, torchBf16, machine.HasNativeBf16, PastDeadline);
                results.Add(result);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{elapsed.Elapsed.TotalSeconds,6:F0} s  {row.Label,-36} ours {result.OursImgPerSec,9:F2} img/s   PyTorch {result.PyTorchImgPerSec,9:F2}   {result.PyTorchNote}"));
            }
        }

        var context = new ModelsReport.Context(o, machine, started, loadBefore, LoadAverage(), oursMatmul, torchMatmul, worker?.Hello,
            Environment.CommandLine, torchBf16, malloc) { Accuracy = accuracy, Seconds = elapsed.Elapsed.TotalSeconds };
        string markdown = ModelsReport.Markdown(context, results, epochs);
        Console.WriteLine(markdown);
        if (o.MarkdownPath is { } md) WriteAtomically(md, markdown);
        if (o.JsonPath is { } json) WriteAtomically(json, ModelsReport.Json(context, results, epochs).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static RowResult Measure(BenchRow row, OursRunner ours, PyTorchWorker? worker, ModelsBenchOptions o, bool torchBf16,
        bool nativeBf16, Func<bool> pastDeadline)
    {
        var oursRounds = new List<double>();
        var torchRounds = new List<double>();
        string? note = worker is null ? "not compared" : row.Variant == "bf16" && !torchBf16 ? "bf16 skipped: no native bf16 on this CPU (--bf16 on forces it)" : null;
        if (row.Variant == "fast" && note is null) note = "vs PyTorch channels-last (eager has no folding)";
        int rounds = o.Acceptance && row.Variant == "bf16" && !nativeBf16 ? 1 : o.RoundCount;   // emulated bf16 is slow and cannot meet its target anyway
        if (rounds == 1 && o.RoundCount > 1 && pastDeadline())
            return new RowResult(row, ours.Macs(row.Model), Array.Empty<double>(), Array.Empty<double>(),
                "not measured: emulated bf16 and --deadline-minutes passed") { LinearMacs = ours.LinearMacs(row.Model) };
        for (int r = 0; r < rounds; r++)
        {
            if (r > 0 && pastDeadline())
            {
                note = (note is null ? "" : note + "; ") + $"{r} of {rounds} round(s): --deadline-minutes passed";
                break;
            }
            Timing timing = rounds == 1 && o.RoundCount > 1 ? o.Timing with { MinIterations = 1, MaxIterations = 1 } : o.TimingOfRound(r);
            oursRounds.Add(row.Batch / Timing.Median(ours.Run(row, timing)));
            if (worker is null || (row.Variant == "bf16" && !torchBf16)) continue;
            (string layout, string dtype) = row.TorchConfig;
            JsonObject reply = worker.Send(new JsonObject
            {
                ["cmd"] = "run", ["model"] = row.Model, ["task"] = row.Task, ["batch"] = row.Batch, ["layout"] = layout, ["dtype"] = dtype,
                ["warmup"] = timing.Warmup, ["min_iterations"] = timing.MinIterations, ["target_seconds"] = timing.TargetSeconds,
                ["max_iterations"] = timing.MaxIterations,
            });
            if (PyTorchWorker.Error(reply) is { } error)
            {
                note = "PyTorch: " + error;
                break;
            }
            torchRounds.Add(row.Batch / Timing.Median(PyTorchWorker.Seconds(reply)));
        }
        if (rounds == 1 && o.RoundCount > 1) note = (note is null ? "" : note + "; ") + "emulated bf16: 1 warm-up + 1 timed iteration";
        return new RowResult(row, ours.Macs(row.Model), oursRounds, torchRounds, note) { LinearMacs = ours.LinearMacs(row.Model) };
    }

    /// <summary>GFLOP/s of an n×n float32 matmul (median iteration).</summary>
    internal static double Matmul(int n, Timing timing)
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.randn(n, n), b = torch.randn(n, n);
        Timing rule = timing with { Warmup = 1, TargetSeconds = 0, MinIterations = timing.MinIterations + 1 };
        double seconds = Timing.Median(rule.Measure(() => torch.mm(a, b).Dispose()));
        return 2.0 * n * n * (double)n / seconds / 1e9;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
    }
}
