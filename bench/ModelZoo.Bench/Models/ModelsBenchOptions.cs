using System.Globalization;

namespace ModelZoo.Bench.Models;

/// <summary>The options of the <c>models</c> and <c>profile</c> commands (flags without values, options with one).</summary>
internal sealed record ModelsBenchOptions
{
    public static readonly string[] DefaultModels = { "lenet5", "alexnet", "vgg16", "googlenet", "resnet18", "resnet50" };

    public IReadOnlyList<string> Models { get; init; } = DefaultModels;
    public bool ComparePyTorch { get; init; }

    /// <summary><c>--acceptance</c>: only the rows issue 11's acceptance list needs (<see cref="AcceptanceRows"/>), each
    /// against PyTorch in 3 interleaved rounds of 2 iterations (one warm-up in the first round), the LeNet-5 epoch, and
    /// the real LeNet checkpoint's accuracy in bf16 and fp32; about 10 minutes on an idle 2-core machine.</summary>
    public bool Acceptance { get; init; }

    /// <summary>Elapsed minutes after which rows get no further rounds (default 11 with --acceptance, else none), so one run
    /// stays inside its time slot on a slower machine; rows cut short say so in the report.</summary>
    public double? DeadlineMinutes { get; init; }

    /// <summary>The real PyTorch LeNet-5 checkpoint whose MNIST t10k accuracy --acceptance measures in fp32 and bf16.</summary>
    public string LeNetCheckpoint { get; init; } = ModelZoo.Tests.RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
    public bool Quick { get; init; }
    public string? JsonPath { get; init; }
    public string? MarkdownPath { get; init; }
    public int Threads { get; init; } = 2;
    public int? Rounds { get; init; }
    public string Python { get; init; } = PyTorchWorker.DefaultPython();
    public string Bf16 { get; init; } = "auto";
    public int? FmaUnits { get; init; }
    public double? ClockGhz { get; init; }
    public bool LeNetEpoch { get; init; } = true;
    public string LeNetPipeline { get; init; } = "torchvision";
    public string MnistDir { get; init; } = ModelZoo.Tests.RepoPaths.SharedData("mnist");
    public int MatmulSize { get; init; } = 2048;

    /// <summary>profile only: "steps", "kernels" or null (both).</summary>
    public string? Only { get; init; }

    /// <summary>keep (default): our process keeps freed native memory (<see cref="ModelZoo.Models.Runtime.NativeHeap"/>, as the CLI
    /// does); default: glibc's behaviour.</summary>
    public string Malloc { get; init; } = "keep";

    /// <summary>default (default): PyTorch as a user runs it; keep: the same glibc settings through MALLOC_MMAP_MAX_ and
    /// MALLOC_TRIM_THRESHOLD_ in the Python processes' environment.</summary>
    public string PyTorchMalloc { get; init; } = "default";

    /// <summary>Applies <see cref="Malloc"/> to this process; returns a description for the report.</summary>
    public string ApplyMalloc() => Malloc == "keep"
        ? (ModelZoo.Models.Runtime.NativeHeap.KeepFreedMemory() ? "ours: NativeHeap.KeepFreedMemory (mallopt)" : "ours: glibc defaults (mallopt unavailable)")
        : "ours: glibc defaults";

    /// <summary>Environment for the Python processes under <see cref="PyTorchMalloc"/>.</summary>
    public IReadOnlyDictionary<string, string> PythonEnvironment => PyTorchMalloc == "keep"
        ? new Dictionary<string, string> { ["MALLOC_MMAP_MAX_"] = "0", ["MALLOC_TRIM_THRESHOLD_"] = "2147483647", ["MALLOC_TOP_PAD_"] = "67108864" }
        : new Dictionary<string, string>();

    /// <summary>Per-side measurement rule of one row.</summary>
    public Timing Timing => Quick ? Timing.Quick : Acceptance ? Timing.Acceptance : Timing.Full;

    /// <summary>With --acceptance the warm-up runs in a row's first round only (both sides keep the configuration built).</summary>
    public Timing TimingOfRound(int round) => Acceptance && round > 0 ? Timing.Warm : Timing;

    /// <summary>Interleaved rounds per row (A B A B ...): default 3, 1 with --quick.</summary>
    public int RoundCount => Rounds ?? (Quick ? 1 : 3);

    public static ModelsBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ModelsBenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            o = name switch
            {
                "--models" => o with { Models = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--compare-pytorch" => o with { ComparePyTorch = true },
                "--acceptance" => o with { Acceptance = true },
                "--deadline-minutes" => o with { DeadlineMinutes = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--lenet-checkpoint" => o with { LeNetCheckpoint = Value() },
                "--quick" => o with { Quick = true },
                "--json" => o with { JsonPath = Value() },
                "--markdown" => o with { MarkdownPath = Value() },
                "--threads" => o with { Threads = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--rounds" => o with { Rounds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--python" => o with { Python = Value() },
                "--bf16" => o with { Bf16 = Value() is "auto" or "on" or "off" ? args[i] : throw new ArgumentException("--bf16 takes auto, on or off.") },
                "--fma-units" => o with { FmaUnits = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--clock-ghz" => o with { ClockGhz = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--no-lenet-epoch" => o with { LeNetEpoch = false },
                "--lenet-pipeline" => o with { LeNetPipeline = Value() is "torchvision" or "tensor" ? args[i] : throw new ArgumentException("--lenet-pipeline takes torchvision or tensor.") },
                "--mnist-dir" => o with { MnistDir = Value() },
                "--malloc" => o with { Malloc = Value() is "keep" or "default" ? args[i] : throw new ArgumentException("--malloc takes keep or default.") },
                "--pytorch-malloc" => o with { PyTorchMalloc = Value() is "keep" or "default" ? args[i] : throw new ArgumentException("--pytorch-malloc takes keep or default.") },
                "--only" => o with { Only = Value() is "steps" or "kernels" ? args[i] : throw new ArgumentException("--only takes steps or kernels.") },
                "--matmul-size" => o with { MatmulSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option '{name}'. Run without arguments for the list."),
            };
        }
        foreach (string m in o.Models) ModelZoo.Models.Zoo.Get(m);   // unknown names fail here, with suggestions
        if (o.Threads < 1) throw new ArgumentException("--threads must be >= 1.");
        if (o.Acceptance)
        {
            if (args.Contains("--models")) throw new ArgumentException("--acceptance measures its own rows; drop --models.");
            o = o with { Models = AcceptanceModels, ComparePyTorch = true, DeadlineMinutes = o.DeadlineMinutes ?? 11 };
        }
        return o;
    }

    public static readonly string[] AcceptanceModels = { "resnet50", "resnet18", "googlenet", "lenet5" };

    /// <summary>Every row of this run, in order: <see cref="AcceptanceRows"/> with --acceptance, else
    /// <see cref="RowsFor"/> of each model.</summary>
    public IEnumerable<BenchRow> Rows() => Acceptance ? AcceptanceRows() : Models.SelectMany(RowsFor);

    /// <summary>The rows issue 11's acceptance figures are read from, most important first (a deadline cuts the last):
    /// fp32 inference at batch 32 of resnet50, resnet18 and googlenet as nchw (ours plain against PyTorch NCHW) and fast
    /// (ours folded against PyTorch channels-last), training of resnet18 (batch 32) and resnet50 (batch 16) in both
    /// layouts on both sides, then resnet50 bf16. LeNet-5 is measured by its epoch, not by rows.</summary>
    public static IEnumerable<BenchRow> AcceptanceRows()
    {
        foreach (string model in new[] { "resnet50", "resnet18", "googlenet" })
            foreach (string variant in new[] { "nchw", "fast" })
                yield return new BenchRow(model, "infer", 32, variant);
        foreach ((string model, int batch) in new[] { ("resnet18", 32), ("resnet50", 16) })
            foreach (string variant in new[] { "nchw", "channels-last" })
                yield return new BenchRow(model, "train", batch, variant);
        yield return new BenchRow("resnet50", "infer", 32, "bf16");   // last: without native bf16 it is slow and skipped past the deadline
    }

    /// <summary>The rows for <paramref name="model"/>: inference at batch 1 and 32 in four variants, training at batch 32
    /// (16 for resnet50) in NCHW and channels-last.</summary>
    public static IEnumerable<BenchRow> RowsFor(string model)
    {
        foreach (int batch in new[] { 1, 32 })
            foreach (string variant in new[] { "nchw", "channels-last", "fast", "bf16" })
                yield return new BenchRow(model, "infer", batch, variant);
        int trainBatch = model == "resnet50" ? 16 : 32;
        foreach (string variant in new[] { "nchw", "channels-last" })
            yield return new BenchRow(model, "train", trainBatch, variant);
    }
}
