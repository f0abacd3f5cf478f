using System.Text;
using ModelZoo.Core.IO;
using ModelZoo.Models.Layout;
using ModelZoo.Models.Weights.ModelZooFormat;
using ModelZoo.Training.Layout;
using TorchSharp.Modules;

namespace ModelZoo.Training.Checkpoints;

/// <summary>
/// Writes and reads training checkpoints: the ModelZoo checkpoint format of <see cref="ModelZooCheckpoint"/> (the magic
/// "MZCKPT01", a length-prefixed UTF-8 JSON <see cref="CheckpointInfo"/>, the model's parameters and buffers in
/// TorchSharp's format), then (training checkpoints whose header says <see cref="TrainingState.HasOptimizerState"/>) an
/// int64 length and the optimizer's state, then (when <see cref="TrainingState.HasTensorState"/>) an int64 length and the
/// callbacks' tensors (<see cref="TensorSection"/>). When a callback provides inference weights (an EMA,
/// <see cref="TrainingState.InferenceWeights"/>), the weights section holds those, so every reader of the model
/// (<see cref="ModelZooCheckpoint.Load(string)"/> in the model library, `evaluate`, `predict`) gets what evaluation
/// measured, and the raw training weights go to the tensor section (<see cref="InferenceWeightsLayout"/>), from which
/// <see cref="Restore(string, ImageClassifier, optim.Optimizer?)"/> puts them back. Readers that only want the model stop
/// after the weights, so checkpoints with and without the later sections load alike. Saved through a temp file and a
/// rename, so an interrupted save never replaces a good checkpoint with a broken one.
/// </summary>
public static class Checkpoint
{
    public static void Save(ImageClassifier model, CheckpointInfo info, string path) => Save(model, info, path, null, null, beforeCommit: null);

    /// <summary>Saves a training checkpoint: the weights plus <paramref name="optimizer"/>'s state (momentum buffers,
    /// moments), so <see cref="Restore"/> can continue the run exactly. <paramref name="info"/> must carry a
    /// <see cref="CheckpointInfo.Training"/>; its <see cref="TrainingState.HasOptimizerState"/> is set here.</summary>
    public static void Save(ImageClassifier model, CheckpointInfo info, string path, optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Save(model, info, path, optimizer, null, beforeCommit: null);
    }

    /// <summary>Saves a training checkpoint with a tensor section (named tensors of callbacks, e.g.
    /// <c>ema/conv1.weight</c>) after the optimizer state; <see cref="TrainingState.HasTensorState"/> is set here. When
    /// <see cref="TrainingState.InferenceWeights"/> names a key whose tensors cover the model's state dict, those are
    /// written as the checkpoint's weights and the raw weights are kept for resuming.</summary>
    public static void Save(ImageClassifier model, CheckpointInfo info, string path, optim.Optimizer optimizer,
        IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(tensors);
        Save(model, info, path, optimizer, tensors, beforeCommit: null);
    }

    /// <param name="beforeCommit">Test hook run after the temp file is written, before it is flushed and renamed.</param>
    internal static void Save(ImageClassifier model, CheckpointInfo info, string path, optim.Optimizer? optimizer,
        IReadOnlyList<KeyValuePair<string, Tensor>>? tensors, Action? beforeCommit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        OptimizerHelper? helper = null;
        if (optimizer is not null)
        {
            helper = optimizer as OptimizerHelper ?? throw new NotSupportedException(
                $"Optimizer {optimizer.GetType().Name} cannot save its state (only TorchSharp's managed optimizers can).");
            if (info.Training is null)
                throw new ArgumentException("A checkpoint with optimizer state needs CheckpointInfo.Training (seed, history).", nameof(info));
            info = info with { Training = info.Training with { HasOptimizerState = true, Optimizer = optimizer.GetType().Name } };
        }
        else if (info.Training is { HasOptimizerState: true } or { HasTensorState: true })
        {
            info = info with { Training = info.Training with { HasOptimizerState = false, HasTensorState = false, InferenceWeights = null } };
        }
        bool hasTensors = helper is not null && tensors is { Count: > 0 };
        string? inference = hasTensors && info.Training?.InferenceWeights is { } key && InferenceWeightsLayout.Covers(model, tensors!, key) ? key : null;
        if (info.Training is { } training)
            info = info with { Training = training with { HasTensorState = hasTensors, InferenceWeights = inference } };
        AtomicFile.Write(path, stream =>
        {
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                ModelZooCheckpoint.WriteHeader(writer, info);
                using (ContiguousScope.For(model, OptimizerStateTensors.Of(optimizer).Select(s => s.State)))   // channels-last runs write NCHW files
                {
                    IReadOnlyList<KeyValuePair<string, Tensor>>? section = tensors;
                    if (inference is null) model.save(writer);
                    else section = InferenceWeightsLayout.SaveSwapped(model, writer, tensors!, inference);
                    try
                    {
                        if (helper is not null) TensorSection.WriteLengthPrefixed(writer, w => helper.save_state_dict(w));
                        if (hasTensors) TensorSection.Write(writer, section!);
                    }
                    finally
                    {
                        if (inference is not null) InferenceWeightsLayout.DisposeRaw(section!);
                    }
                }
            }
            beforeCommit?.Invoke();
        });
    }

    /// <summary>Reads only the metadata.</summary>
    public static CheckpointInfo ReadInfo(string path) => ModelZooCheckpoint.ReadInfo<CheckpointInfo>(path);

    /// <summary>Rebuilds the model from the registry and loads its weights: the inference weights (the EMA that evaluation
    /// measured) when the run had them, else the trained weights.</summary>
    public static (ImageClassifier Model, CheckpointInfo Info) Load(string path) => ModelZooCheckpoint.Load<CheckpointInfo>(path);

    /// <summary>Loads a checkpoint's training weights into <paramref name="model"/> (which must have the same architecture;
    /// the raw weights when the weights section holds inference weights) and, when <paramref name="optimizer"/> is given,
    /// the optimizer's state; the optimizer must be of the same type over the same parameters in the same order. Throws
    /// <see cref="InvalidDataException"/> when the checkpoint has no optimizer state or it does not fit.</summary>
    public static CheckpointInfo Restore(string path, ImageClassifier model, optim.Optimizer? optimizer = null) =>
        Restore(path, model, optimizer, out _, readTensors: false);

    /// <summary><see cref="Restore(string, ImageClassifier, optim.Optimizer?)"/> that also reads the tensor section (when
    /// <paramref name="readTensors"/> and the file has one) into CPU tensors the caller owns; the inference weights are
    /// among them under their key, as they were saved.</summary>
    internal static CheckpointInfo Restore(string path, ImageClassifier model, optim.Optimizer? optimizer,
        out Dictionary<string, Tensor>? tensors, bool readTensors)
    {
        tensors = null;
        ArgumentNullException.ThrowIfNull(model);
        using FileStream stream = ModelZooCheckpoint.Open(path);
        using var reader = new BinaryReader(stream);
        CheckpointInfo info = ModelZooCheckpoint.ReadHeader<CheckpointInfo>(reader, path);
        if (optimizer is not null && info.Training is not { HasOptimizerState: true })
            throw new InvalidDataException($"Checkpoint {path} has no optimizer state (it holds weights only), so training " +
                "cannot resume from it exactly. Resume from a checkpoint written during training (CheckpointCallback).");
        using (ContiguousScope.For(model, OptimizerStateTensors.Of(optimizer).Select(s => s.State)))   // files hold NCHW bytes; back to channels-last after
        {
            ModelZooCheckpoint.LoadWeights(reader, model, info, path);
            if (optimizer is not null) ReadOptimizer(reader, optimizer, info, path);
            if (info.Training is { HasTensorState: true } training && (readTensors || training.InferenceWeights is not null))
            {
                if (optimizer is null && training.HasOptimizerState) TensorSection.Skip(reader, path, "optimizer");
                Dictionary<string, Tensor> read = TensorSection.Read(reader, path);
                if (training.InferenceWeights is { } key) InferenceWeightsLayout.RestoreRaw(model, read, key, path);
                if (readTensors) tensors = read;
                else foreach (Tensor t in read.Values) t.Dispose();
            }
        }
        OptimizerStateTensors.MatchParameterLayout(optimizer);
        return info;
    }

    private static void ReadOptimizer(BinaryReader reader, optim.Optimizer optimizer, CheckpointInfo info, string path)
    {
        if (optimizer is not OptimizerHelper helper)
            throw new NotSupportedException($"Optimizer {optimizer.GetType().Name} cannot load state (only TorchSharp's managed optimizers can).");
        if (info.Training!.Optimizer is { } saved && saved != optimizer.GetType().Name)
            throw new InvalidDataException($"Checkpoint {path} holds {saved} state but the trainer uses {optimizer.GetType().Name}; " +
                $"resume with the same optimizer ({saved}).");
        try
        {
            long length = TensorSection.ReadLength(reader, path, "optimizer");
            long start = reader.BaseStream.Position;
            helper.load_state_dict(reader);
            if (reader.BaseStream.Position != start + length)
                throw new InvalidDataException($"Checkpoint {path}: the optimizer section was not read to its end (corrupt or foreign).");
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"Checkpoint {path} is truncated in its optimizer section.", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Checkpoint {path}: the optimizer state does not fit this model's parameters ({ex.Message}).", ex);
        }
    }
}
