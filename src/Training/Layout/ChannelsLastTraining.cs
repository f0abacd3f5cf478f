using ModelZoo.Models.Layout;
using static TorchSharp.torch;

namespace ModelZoo.Training.Layout;

/// <summary>
/// The memory-format strategy of a fit (<see cref="TrainerOptions.MemoryFormat"/>): for channels-last, the model's 4-D
/// weights get NHWC strides in place (same parameter objects, same values) and a forward pre-hook gives every 4-D input
/// the same layout, so convolutions, batch norms and their backward run on oneDNN's channels-last kernels; gradients
/// and optimizer state follow the parameters' layout. Checkpoints are written in NCHW order (<see cref="ContiguousScope"/>
/// in <see cref="Checkpoints.Checkpoint"/>), so they load anywhere. Disposing restores NCHW strides.
/// </summary>
public sealed class ChannelsLastTraining : IDisposable
{
    private readonly ImageClassifier _model;
    private Action? _removeHook;

    private ChannelsLastTraining(ImageClassifier model)
    {
        _model = model;
        ChannelsLast.ConvertModule(model, channelsLast: true);
        _removeHook = model.register_forward_pre_hook((_, input) =>
            input.dim() == 4 && input.is_floating_point() && !ChannelsLast.IsChannelsLast(input) ? ChannelsLast.ToChannelsLast(input) : input).remove;
    }

    /// <summary>Binds <paramref name="format"/> (Auto resolved by <see cref="ChannelsLast.Resolve"/>) to <paramref name="model"/>
    /// for one fit; contiguous binds nothing.</summary>
    public static IDisposable Attach(ImageClassifier model, MemoryFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ChannelsLast.Resolve(format, model) == MemoryFormat.ChannelsLast ? new ChannelsLastTraining(model) : new Nothing();
    }

    public void Dispose()
    {
        if (_removeHook is null) return;
        _removeHook();
        _removeHook = null;
        ChannelsLast.ConvertModule(_model, channelsLast: false);
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}
