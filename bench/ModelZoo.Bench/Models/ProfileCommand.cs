using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ModelZoo.Models;
using ModelZoo.Models.Layout;
using ModelZoo.Training;
using ModelZoo.Training.Layout;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Bench.Models;

/// <summary>
/// <c>profile</c>: where a training step's time goes, ours against PyTorch on the same inputs. Each step is split into
/// zero_grad, forward (with the loss), backward and the SGD step, timed separately with the minor page faults of each
/// phase, in NCHW and channels-last, with zero_grad filling zeros (TorchSharp's) or setting gradients to none; then
/// single layers (training-mode BatchNorm2d, 3×3 and 1×1 convolutions at ResNet-50 stage shapes) forward and backward,
/// to name the libtorch kernel when a phase is slower. Medians per phase; PyTorch's via bench.py's profile/kernel requests.
/// </summary>
internal static class ProfileCommand
{
    private static readonly string[] s_phases = { "zero_grad", "forward", "backward", "step" };

    public static int Run(IReadOnlyList<string> args)
    {
        ModelsBenchOptions o = ModelsBenchOptions.Parse(args.Any(a => a == "--models") ? args : args.Concat(new[] { "--models", "resnet18,resnet50" }).ToArray());
        string malloc = o.ApplyMalloc();
        torch.set_num_threads(o.Threads);
        using PyTorchWorker? worker = o.ComparePyTorch ? PyTorchWorker.Start(o.Python, o.Threads, o.PythonEnvironment) : null;
        int steps = o.Quick ? 2 : 6, warmup = o.Quick ? 1 : 2;
        var report = new StringBuilder($"## Training-step profile (threads {o.Threads}, {steps} steps after {warmup} warm-up, medians; load average {ModelsCommand.LoadAverage()}; {malloc}; PyTorch malloc {o.PyTorchMalloc})\n\n");
        report.AppendLine("| model | batch | layout | zero_grad | side | zero_grad s | forward s | backward s | step s | total s | faults fwd/bwd/step |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var json = new JsonArray();
        foreach (string model in o.Only == "kernels" ? Array.Empty<string>() : o.Models)
        {
            int batch = model == "resnet50" ? 16 : 32;
            foreach (string layout in new[] { "nchw", "channels-last" })
                foreach (bool none in new[] { false, true })
                {
                    Dictionary<string, (double S, double F)> ours = Ours(model, batch, layout, none, steps, warmup);
                    report.AppendLine(Row(model, batch, layout, none, "ours", ours));
                    json.Add(Json(model, batch, layout, none, "ours", ours));
                    if (worker is null) continue;
                    JsonObject reply = worker.Send(new JsonObject
                    {
                        ["cmd"] = "profile", ["model"] = model, ["batch"] = batch, ["layout"] = layout.Replace('-', '_'),
                        ["steps"] = steps, ["warmup"] = warmup, ["set_to_none"] = none,
                    });
                    if (PyTorchWorker.Error(reply) is { } error) { report.AppendLine($"| {model} | {batch} | {layout} | | PyTorch | {error} |"); continue; }
                    var torchPhases = s_phases.ToDictionary(p => p, p => (
                        Timing.Median(reply["seconds"]![p]!.AsArray().Select(x => x!.GetValue<double>()).ToArray()),
                        Timing.Median(reply["minor_faults"]![p]!.AsArray().Select(x => (double)x!.GetValue<long>()).ToArray())));
                    report.AppendLine(Row(model, batch, layout, none, "PyTorch", torchPhases));
                    json.Add(Json(model, batch, layout, none, "pytorch", torchPhases));
                }
        }
        if (o.Only != "steps") report.AppendLine().Append(Kernels(worker, o.Quick));
        Console.WriteLine(report);
        if (o.JsonPath is { } path) File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static Dictionary<string, (double S, double F)> Ours(string model, int batch, string layout, bool setToNone, int steps, int warmup)
    {
        torch.manual_seed(0);
        using ImageClassifier net = Zoo.Create(model);
        net.train();
        using IDisposable binding = ChannelsLastTraining.Attach(net, layout == "channels-last" ? MemoryFormat.ChannelsLast : MemoryFormat.Contiguous);
        using optim.Optimizer optimizer = Optimizers.Create(net.parameters(), new TrainerOptions { LearningRate = 0.01, Momentum = 0.9 });
        using var inputs = torch.NewDisposeScope();
        Tensor x = OursRunner.Inputs(batch, Zoo.Get(model).DefaultInputShape), y = torch.arange(batch, dtype: ScalarType.Int64).remainder(net.NumClasses);
        if (layout == "channels-last") x = ChannelsLast.ToChannelsLast(x);
        var samples = s_phases.ToDictionary(p => p, _ => new List<(double, double)>());
        for (int i = 0; i < warmup + steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            Tensor? loss = null;
            foreach (string phase in s_phases)
            {
                long f0 = ProcessFaults.Minor(), t0 = Stopwatch.GetTimestamp();
                switch (phase)
                {
                    case "zero_grad":
                        if (setToNone) foreach (var p in net.parameters()) p.grad = null;
                        else optimizer.zero_grad();
                        break;
                    case "forward":
                        ModelOutput output = net is IAuxiliaryOutputs aux && aux.HasActiveAuxiliaryHeads ? aux.ForwardWithAuxiliary(x) : new ModelOutput(net.call(x));
                        loss = output.CombinedLoss((logits, target) => nn.functional.cross_entropy(logits, target), y);
                        break;
                    case "backward":
                        loss!.backward();
                        break;
                    default:
                        optimizer.step();
                        break;
                }
                if (i >= warmup) samples[phase].Add((Stopwatch.GetElapsedTime(t0).TotalSeconds, ProcessFaults.Minor() - f0));
            }
        }
        return samples.ToDictionary(kv => kv.Key, kv => (Timing.Median(kv.Value.Select(v => v.Item1).ToArray()), Timing.Median(kv.Value.Select(v => v.Item2).ToArray())));
    }

    /// <summary>Single layers and the SGD update with one libtorch thread on each side, in thread CPU time (robust to
    /// other load) and wall time: which kernel is slower, and by how much.</summary>
    private static string Kernels(PyTorchWorker? worker, bool quick)
    {
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        var s = new StringBuilder("### Single kernels, one thread each side: forward / backward CPU ms (thread CPU time; wall ms in brackets)\n\n" +
            "| kernel | input | layout | ours fwd | ours bwd | PyTorch fwd | PyTorch bwd | bwd ours / PyTorch |\n|---|---|---|---|---|---|---|---|\n");
        long[][] shapes = quick ? new[] { new long[] { 16, 64, 56, 56 } } : new[] { new long[] { 16, 256, 56, 56 }, new long[] { 16, 64, 56, 56 }, new long[] { 16, 128, 28, 28 } };
        int iterations = quick ? 2 : 5;
        foreach (string op in new[] { "bn", "conv3x3", "conv1x1" })
            foreach (long[] shape in shapes)
                foreach (string layout in new[] { "nchw", "channels-last" })
                {
                    if (op == "conv3x3" && shape[1] > 128) continue;
                    Kernel ours = OursKernel(op, shape, layout, iterations);
                    Kernel? torchK = null;
                    if (worker is not null)
                    {
                        JsonObject reply = worker.Send(new JsonObject
                        {
                            ["cmd"] = "kernel", ["op"] = op, ["shape"] = new JsonArray(shape.Select(v => (JsonNode)v).ToArray()),
                            ["layout"] = layout.Replace('-', '_'), ["min_iterations"] = iterations, ["threads"] = 1,
                        });
                        if (PyTorchWorker.Error(reply) is null) torchK = Kernel.From(reply);
                    }
                    s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {op} | [{string.Join(", ", shape)}] | {layout} | {ours.Fwd} | {ours.Bwd} | {torchK?.Fwd ?? "–"} | {torchK?.Bwd ?? "–"} | {(torchK is null ? "–" : (ours.BwdCpu / torchK.BwdCpu).ToString("F2", CultureInfo.InvariantCulture))} |"));
                }
        (double oursStep, double oursWall) = OursSgdStep(iterations);
        string torchStep = "–";
        if (worker?.Send(new JsonObject { ["cmd"] = "sgd", ["model"] = "resnet50", ["min_iterations"] = iterations, ["threads"] = 1 }) is { } sgd && PyTorchWorker.Error(sgd) is null)
            torchStep = string.Create(CultureInfo.InvariantCulture, $"{1000 * sgd["cpu"]!.GetValue<double>():F1} ({1000 * sgd["wall"]!.GetValue<double>():F1}); foreach=True {1000 * sgd["cpu_foreach"]!.GetValue<double>():F1}");
        s.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| SGD step (momentum 0.9), ResNet-50's 161 parameters | 25.6 M values | – | {1000 * oursStep:F1} ({1000 * oursWall:F1}) | | {torchStep} | | |"));
        torch.set_num_threads(threads);
        return s.ToString();
    }

    private sealed record Kernel(double FwdCpu, double BwdCpu, double FwdWall, double BwdWall)
    {
        public string Fwd => string.Create(CultureInfo.InvariantCulture, $"{1000 * FwdCpu:F1} ({1000 * FwdWall:F1})");
        public string Bwd => string.Create(CultureInfo.InvariantCulture, $"{1000 * BwdCpu:F1} ({1000 * BwdWall:F1})");

        public static Kernel From(JsonObject reply)
        {
            double M(string key) => Timing.Median(reply[key]!.AsArray().Select(x => x!.GetValue<double>()).ToArray());
            return new Kernel(M("forward_cpu"), M("backward_cpu"), M("forward"), M("backward"));
        }
    }

    /// <summary>The same layer and input as bench.py's kernel request; the output gradient is ones.</summary>
    private static Kernel OursKernel(string op, long[] shape, string layout, int iterations)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        long c = shape[1];
        nn.Module<Tensor, Tensor> layer = op switch
        {
            "bn" => nn.BatchNorm2d(c),
            "conv3x3" => nn.Conv2d(c, c, 3, padding: 1, bias: false),
            _ => nn.Conv2d(c, c, 1, bias: false),
        };
        Tensor x = torch.arange(shape.Aggregate(1L, (a, b) => a * b), dtype: ScalarType.Float32).mul_(0.37f).sin_().reshape(shape);
        if (layout == "channels-last")
        {
            ChannelsLast.ConvertModule(layer, channelsLast: true);
            x = ChannelsLast.ToChannelsLast(x);
        }
        x.requires_grad_(true);
        var samples = new List<(double, double, double, double)>();
        for (int i = 0; i < 2 + iterations; i++)
        {
            using var step = torch.NewDisposeScope();
            double c0 = ThreadCpu.Seconds();
            long t0 = Stopwatch.GetTimestamp();
            Tensor y = layer.call(x);
            double fwall = Stopwatch.GetElapsedTime(t0).TotalSeconds, c1 = ThreadCpu.Seconds();
            Tensor g = torch.ones_like(y);
            double c2 = ThreadCpu.Seconds();
            t0 = Stopwatch.GetTimestamp();
            y.backward(new[] { g });
            double bwall = Stopwatch.GetElapsedTime(t0).TotalSeconds, c3 = ThreadCpu.Seconds();
            x.grad = null;
            foreach (var p in layer.parameters()) p.grad = null;
            if (i >= 2) samples.Add((c1 - c0, c3 - c2, fwall, bwall));
        }
        return new Kernel(Timing.Median(samples.Select(v => v.Item1).ToArray()), Timing.Median(samples.Select(v => v.Item2).ToArray()),
            Timing.Median(samples.Select(v => v.Item3).ToArray()), Timing.Median(samples.Select(v => v.Item4).ToArray()));
    }

    /// <summary>TorchSharp's SGD step (as <see cref="Optimizers"/> builds it) over ResNet-50's parameters with random gradients.</summary>
    private static (double Cpu, double Wall) OursSgdStep(int iterations)
    {
        using var scope = torch.NewDisposeScope();
        using ImageClassifier model = Zoo.Create("resnet50");
        foreach (var p in model.parameters()) p.grad = torch.randn_like(p);
        using optim.Optimizer optimizer = Optimizers.Create(model.parameters(), new TrainerOptions { LearningRate = 0.01, Momentum = 0.9 });
        var cpu = new List<double>();
        var wall = new List<double>();
        for (int i = 0; i < iterations + 1; i++)
        {
            double c0 = ThreadCpu.Seconds();
            long t0 = Stopwatch.GetTimestamp();
            optimizer.step();
            if (i > 0) { cpu.Add(ThreadCpu.Seconds() - c0); wall.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds); }
        }
        return (Timing.Median(cpu), Timing.Median(wall));
    }

    private static string Row(string model, int batch, string layout, bool none, string side, Dictionary<string, (double S, double F)> p) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {model} | {batch} | {layout} | {(none ? "set to none" : "fill zeros")} | {side} | {p["zero_grad"].S:F4} | {p["forward"].S:F3} | {p["backward"].S:F3} | {p["step"].S:F4} | " +
            $"{p.Values.Sum(v => v.S):F3} | {p["forward"].F:F0}/{p["backward"].F:F0}/{p["step"].F:F0} |");

    private static JsonObject Json(string model, int batch, string layout, bool none, string side, Dictionary<string, (double S, double F)> p) => new()
    {
        ["model"] = model, ["batch"] = batch, ["layout"] = layout, ["set_to_none"] = none, ["side"] = side,
        ["seconds"] = new JsonObject(p.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value.S))),
        ["minor_faults"] = new JsonObject(p.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value.F))),
    };
}
