namespace ModelZoo.Cli.Commands;

/// <summary>Options shared by several verbs, with one definition each.</summary>
internal static class CommonOptions
{
    public static Option<string> Model(string defaultValue) => new("--model", "-m")
    {
        Description = "Registered model name (see 'modelzoo models').",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<string> RequiredModel() => new("--model", "-m")
    {
        Description = "Registered model name (see 'modelzoo models').",
        Required = true,
    };

    public static Option<string> Dataset(string? defaultValue) => new("--dataset", "-d")
    {
        Description = "Dataset: synthetic (embedded, no download), mnist, fashion-mnist, kmnist, cifar10, cifar100 (downloaded into --data-dir when missing), " +
            "imagefolder (class sub-folders; train/ and val/ when present, else split 80/20 at random).",
        DefaultValueFactory = _ => defaultValue!,
        Required = defaultValue is null,
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Directory with the dataset files (MNIST family: the IDX files, .gz or raw; CIFAR: the python or binary batches, " +
            "or the folder they unpack to); MNIST and CIFAR files are downloaded there if missing.",
    };

    public static Option<IndexRange?> Range(string name, string description) => new(name)
    {
        Description = description + " (START:END, e.g. 0:8000).",
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseRange(r.Tokens[0].Value, r),
    };

    public static Option<int> Workers() => AtLeast(new Option<int>("--workers")
    {
        Description = "Data loader worker threads decoding and augmenting in parallel (0 = on the training thread).",
        DefaultValueFactory = _ => 0,
    }, 0);

    public static Option<int> Epochs(int defaultValue) =>
        AtLeast(new Option<int>("--epochs") { Description = "Passes over the training items.", DefaultValueFactory = _ => defaultValue }, 1);

    public static Option<int> BatchSize(int defaultValue) =>
        AtLeast(new Option<int>("--batch-size") { Description = "Samples per step.", DefaultValueFactory = _ => defaultValue }, 1);

    public static Option<double> LearningRate(double defaultValue, string description)
    {
        var option = new Option<double>("--lr") { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (TryGet(r, out double value) && !(value > 0)) r.AddError($"--lr must be > 0; got {value}.");
        });
        return option;
    }

    public static Option<string> Optimizer()
    {
        var option = new Option<string>("--optimizer") { Description = "sgd (momentum 0.9), nesterov (SGD with Nesterov momentum 0.9), adam, adamw or rmsprop.", DefaultValueFactory = _ => "sgd" };
        option.AcceptOnlyFromAmong("sgd", "nesterov", "adam", "adamw", "rmsprop");
        return option;
    }

    public static Option<string> Precision()
    {
        var option = new Option<string>("--precision")
        {
            Description = "Numeric precision: fp32, bf16-mixed (bfloat16 forward/backward, float32 master weights) or fp16-mixed (float16 with dynamic loss scaling; slow on CPU).",
            DefaultValueFactory = _ => "fp32",
        };
        option.AcceptOnlyFromAmong(ModelZoo.Training.Precision.Precisions.Names.ToArray());
        return option;
    }

    public static Option<long> Seed(string description) => new("--seed") { Description = description, DefaultValueFactory = _ => 0 };

    public static Option<string> Out(string defaultValue) =>
        new("--out") { Description = "Directory for the checkpoint.", DefaultValueFactory = _ => defaultValue };

    /// <summary>--out / -o: the file a verb writes (a PNG for cam and filters).</summary>
    public static Option<string> OutputFile(string description, string defaultValue) =>
        new("--out", "-o") { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<string?> Resume() => new("--resume")
    {
        Description = "Continue the run saved in this checkpoint (weights, optimizer state, history) up to --epochs in total, " +
            "writing to the same checkpoint and log directory. Model, dataset, precision and seed (finetune: also weights, freeze, classes, train limit) come from the checkpoint.",
    };

    public static Option<string?> LogDir() => new("--log-dir")
    {
        Description = "Directory for metrics.csv, metrics.jsonl and curves.png (default: beside the checkpoint, named after it: runs/lenet5-synthetic/).",
    };

    public static Option<string?> Device() => new("--device") { Description = "cpu, cuda or cuda:N (default: CUDA when present)." };

    public static Option<int?> Threads()
    {
        var option = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: one per core)." };
        option.Validators.Add(r =>
        {
            if (TryGet(r, out int? value) && value is < 1) r.AddError($"--threads must be >= 1; got {value}.");
        });
        return option;
    }

    public static Option<string?> Augment(string description)
    {
        var option = new Option<string?>("--augment") { Description = description };
        option.AcceptOnlyFromAmong(ModelZoo.Data.Transforms.Presets.AugmentNames.ToArray());
        return option;
    }

    private static Option<int> AtLeast(Option<int> option, int minimum)
    {
        option.Validators.Add(r =>
        {
            if (TryGet(r, out int value) && value < minimum) r.AddError($"{option.Name} must be >= {minimum}; got {value}.");
        });
        return option;
    }

    /// <summary>The option's value, or false when its text did not convert (that error is already reported).</summary>
    private static bool TryGet<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object on stdout instead of text.",
    };

    private static IndexRange? ParseRange(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        try
        {
            return IndexRange.Parse(text);
        }
        catch (FormatException ex)
        {
            result.AddError(ex.Message);
            return null;
        }
    }
}
