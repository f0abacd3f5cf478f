using ModelZoo.Models.Inference;
using ModelZoo.Models.Layout;

namespace ModelZoo.Cli.Commands;

/// <summary>The speed options: <c>--memory-format</c> (train, predict, evaluate) and the inference fast path's
/// <c>--precision</c> and <c>--no-fast-path</c> (predict, evaluate), one definition each.</summary>
internal sealed class SpeedOptions
{
    private SpeedOptions(Option<string> precision, Option<string> memoryFormat, Option<bool> noFastPath)
    {
        Precision = precision;
        MemoryFormat = memoryFormat;
        NoFastPath = noFastPath;
    }

    public Option<string> Precision { get; }
    public Option<string> MemoryFormat { get; }
    public Option<bool> NoFastPath { get; }

    public static Option<string> MemoryFormatOption(string description)
    {
        var option = new Option<string>("--memory-format")
        {
            Description = description + " auto (default: channels-last when the stem convolution has >= 32 outputs), channels-last or contiguous.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong(MemoryFormatNames.Names.ToArray());
        return option;
    }

    /// <summary>Options of the inference fast path for predict and evaluate.</summary>
    public static SpeedOptions ForInference()
    {
        var precision = new Option<string>("--precision")
        {
            Description = "Inference precision: fp32 (default), bf16 (bfloat16 weights and activations; fast on CPUs with AVX-512 BF16/AMX) or fp16 (CUDA only).",
            DefaultValueFactory = _ => "fp32",
        };
        precision.AcceptOnlyFromAmong(InferencePrecisionNames.Names.ToArray());
        Option<string> memoryFormat = MemoryFormatOption("Layout of weights and inputs:");
        var noFastPath = new Option<bool>("--no-fast-path")
        {
            Description = "Run the model as loaded: no batch-norm folding, NCHW, fp32 (--precision and --memory-format are then ignored).",
        };
        return new SpeedOptions(precision, memoryFormat, noFastPath);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Precision);
        command.Options.Add(MemoryFormat);
        command.Options.Add(NoFastPath);
    }

    /// <summary>The fast path's options, in place (the CLI owns the models it loads).</summary>
    public InferenceOptions Read(ParseResult parse) => parse.GetValue(NoFastPath)
        ? InferenceOptions.Plain
        : new InferenceOptions
        {
            Precision = InferencePrecisionNames.Parse(parse.GetValue(Precision)!),
            MemoryFormat = MemoryFormatNames.Parse(parse.GetValue(MemoryFormat)!),
            InPlace = true,
        };
}
