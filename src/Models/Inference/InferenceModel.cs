using ModelZoo.Models.Layout;

namespace ModelZoo.Models.Inference;

/// <summary>
/// A model prepared by <see cref="FastInference.Optimize"/>. Calling <see cref="Model"/> through <c>call</c> (or
/// <see cref="Logits"/>) converts the input to the model's layout and precision and returns float32 logits, so it can be
/// used wherever the original model was, e.g. by an evaluator. Disposing removes those conversions and, when the model is
/// a copy, disposes the copy.
/// </summary>
public sealed class InferenceModel : IDisposable
{
    private readonly List<Action> _removers = new();

    internal InferenceModel(ImageClassifier model, bool isCopy, int foldedBatchNorms, MemoryFormat memoryFormat, InferencePrecision precision)
    {
        Model = model;
        IsCopy = isCopy;
        FoldedBatchNorms = foldedBatchNorms;
        MemoryFormat = memoryFormat;
        Precision = precision;
        if (memoryFormat == MemoryFormat.ChannelsLast || precision != InferencePrecision.Fp32)
        {
            ScalarType dtype = FastInference.DTypeOf(precision);
            bool channelsLast = memoryFormat == MemoryFormat.ChannelsLast;
            _removers.Add(model.register_forward_pre_hook((_, input) => PrepareInput(input, dtype, channelsLast)).remove);
            if (precision != InferencePrecision.Fp32)
                _removers.Add(model.register_forward_hook((_, _, output) => ToFloat32(output)).remove);
        }
    }

    /// <summary>The model to run (the copy, or the caller's model when optimised in place or when nothing was to be done).</summary>
    public ImageClassifier Model { get; }

    /// <summary>True when <see cref="Model"/> is a copy owned by this object.</summary>
    public bool IsCopy { get; }

    /// <summary>How many BatchNorm2d layers were folded into convolutions.</summary>
    public int FoldedBatchNorms { get; }

    /// <summary>The layout of the weights and inputs (never Auto).</summary>
    public MemoryFormat MemoryFormat { get; }

    public InferencePrecision Precision { get; }

    /// <summary>One line, e.g. "fast path: 53 batch norms folded, channels-last, fp32, on a copy".</summary>
    public string Description => IsPlain
        ? "plain model (no folding, NCHW, fp32)"
        : $"fast path: {FoldedBatchNorms} batch norm(s) folded, {MemoryFormatNames.ToName(MemoryFormat)}, " +
          $"{InferencePrecisionNames.ToName(Precision)}, {(IsCopy ? "on a copy" : "in place")}";

    private bool IsPlain => !IsCopy && FoldedBatchNorms == 0 && MemoryFormat == MemoryFormat.Contiguous && Precision == InferencePrecision.Fp32;

    /// <summary>Float32 logits [N, classes] of <paramref name="input"/> [N, C, H, W] (any float dtype and layout), in
    /// eval mode without gradients; the caller disposes them.</summary>
    public Tensor Logits(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var noGrad = torch.no_grad();
        Model.eval();
        Tensor logits = Model.call(input);
        if (logits.dtype == ScalarType.Float32) return logits;
        using (logits) return logits.to(ScalarType.Float32);
    }

    public void Dispose()
    {
        foreach (Action remove in _removers) remove();
        _removers.Clear();
        if (IsCopy) Model.Dispose();
    }

    private static Tensor PrepareInput(Tensor input, ScalarType dtype, bool channelsLast)
    {
        Tensor typed = input.dtype == dtype ? input : input.to(dtype);
        if (!channelsLast || input.dim() != 4 || ChannelsLast.IsChannelsLast(typed)) return typed;
        Tensor result = ChannelsLast.ToChannelsLast(typed);
        if (!ReferenceEquals(typed, input)) typed.Dispose();
        return result;
    }

    private static Tensor ToFloat32(Tensor output)
    {
        if (output.dtype == ScalarType.Float32 || !output.is_floating_point()) return output;
        Tensor result = output.to(ScalarType.Float32);
        output.Dispose();
        return result;
    }
}
