using ModelZoo.Models.Layout;

namespace ModelZoo.Models.Inference;

/// <summary>What <see cref="FastInference.Optimize"/> does to a model, with documented defaults
/// (<see cref="Default"/>: fold batch norms, channels-last where it helps, float32, on a copy).</summary>
public sealed record InferenceOptions
{
    /// <summary>Fold every eval-mode BatchNorm2d into the convolution feeding it (default true).</summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>Layout of weights and inputs (default <see cref="Layout.MemoryFormat.Auto"/>: channels-last for models
    /// whose stem convolution is at least <see cref="ChannelsLast.AutoMinStemChannels"/> wide).</summary>
    public MemoryFormat MemoryFormat { get; init; } = MemoryFormat.Auto;

    /// <summary>Number format (default float32). <see cref="InferencePrecision.Fp16"/> needs a CUDA device.</summary>
    public InferencePrecision Precision { get; init; } = InferencePrecision.Fp32;

    /// <summary>Optimise the given model itself instead of a copy (default false: the caller's model is never changed).
    /// Use it when the model was loaded only for inference, to save the copy's memory and time.</summary>
    public bool InPlace { get; init; }

    /// <summary>Fold, channels-last where it helps, float32, on a copy.</summary>
    public static InferenceOptions Default { get; } = new();

    /// <summary>The model as it is: no folding, NCHW, float32 (the opt-out; no copy is made).</summary>
    public static InferenceOptions Plain { get; } = new() { FoldBatchNorm = false, MemoryFormat = MemoryFormat.Contiguous };

    /// <summary>True when these options change nothing (<see cref="Plain"/>).</summary>
    public bool IsPlain => !FoldBatchNorm && MemoryFormat == MemoryFormat.Contiguous && Precision == InferencePrecision.Fp32;
}
