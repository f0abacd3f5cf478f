using System.Text;
using System.Text.Json;
using ModelZoo.Core.IO;
using ModelZoo.Models;
using ModelZoo.Models.Weights.ModelZooFormat;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Training.Checkpoints;

/// <summary>
/// Writes and reads training checkpoints: the ModelZoo checkpoint format of <see cref="ModelZooCheckpoint"/> (the magic
/// "MZCKPT01", a length-prefixed UTF-8 JSON <see cref="CheckpointInfo"/>, the model's parameters and buffers in
/// TorchSharp's format), then (training checkpoints whose header says <see cref="TrainingState.HasOptimizerState"/>) an
/// int64 length and the optimizer's state. Readers that only want the model stop after the weights
/// (<see cref="ModelZooCheckpoint.Load(string)"/> does, in the model library), so checkpoints with and without the
/// optimizer section load alike. Saved through a temp file and a rename, so an interrupted save never replaces a good
/// checkpoint with a broken one.
/// </summary>
public static class Checkpoint
{

    public static void Save(ImageClassifier model, CheckpointInfo info, string path) => Save(model, info, path, null, beforeCommit: null);

    /// <summary>Saves a training checkpoint: the weights plus <paramref name="optimizer"/>'s state (momentum buffers,
    /// moments), so <see cref="Restore"/> can continue the run exactly. <paramref name="info"/> must carry a
    /// <see cref="CheckpointInfo.Training"/>; its <see cref="TrainingState.HasOptimizerState"/> is set here.</summary>
    public static void Save(ImageClassifier model, CheckpointInfo info, string path, optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Save(model, info, path, optimizer, beforeCommit: null);
    }

    /// <param name="beforeCommit">Test hook run after the temp file is written, before it is flushed and renamed.</param>
    internal static void Save(ImageClassifier model, CheckpointInfo info, string path, optim.Optimizer? optimizer, Action? beforeCommit)
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
        else if (info.Training is { HasOptimizerState: true })
        {
            info = info with { Training = info.Training with { HasOptimizerState = false } };
        }
        AtomicFile.Write(path, stream =>
        {
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                ModelZooCheckpoint.WriteHeader(writer, info);
                model.save(writer);
                if (helper is not null) WriteOptimizer(writer, helper);
            }
            beforeCommit?.Invoke();
        });
    }

    /// <summary>Reads only the metadata.</summary>
    public static CheckpointInfo ReadInfo(string path) => ModelZooCheckpoint.ReadInfo<CheckpointInfo>(path);

    /// <summary>Rebuilds the model from the registry and loads its weights.</summary>
    public static (ImageClassifier Model, CheckpointInfo Info) Load(string path) => ModelZooCheckpoint.Load<CheckpointInfo>(path);

    /// <summary>Loads a checkpoint's weights into <paramref name="model"/> (which must have the same architecture) and,
    /// when <paramref name="optimizer"/> is given, the optimizer's state; the optimizer must be of the same type over the
    /// same parameters in the same order. Throws <see cref="InvalidDataException"/> when the checkpoint has no optimizer
    /// state or it does not fit.</summary>
    public static CheckpointInfo Restore(string path, ImageClassifier model, optim.Optimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using FileStream stream = ModelZooCheckpoint.Open(path);
        using var reader = new BinaryReader(stream);
        CheckpointInfo info = ModelZooCheckpoint.ReadHeader<CheckpointInfo>(reader, path);
        if (optimizer is not null && info.Training is not { HasOptimizerState: true })
            throw new InvalidDataException($"Checkpoint {path} has no optimizer state (it holds weights only), so training " +
                "cannot resume from it exactly. Resume from a checkpoint written during training (CheckpointCallback).");
        ModelZooCheckpoint.LoadWeights(reader, model, info, path);
        if (optimizer is not null) ReadOptimizer(reader, optimizer, info, path);
        return info;
    }

    private static void WriteOptimizer(BinaryWriter writer, OptimizerHelper optimizer)
    {
        writer.Flush();
        Stream stream = writer.BaseStream;
        long lengthAt = stream.Position;
        writer.Write(0L);
        optimizer.save_state_dict(writer);
        writer.Flush();
        long end = stream.Position;
        stream.Position = lengthAt;
        writer.Write(end - lengthAt - sizeof(long));
        writer.Flush();
        stream.Position = end;
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
            long length = reader.ReadInt64();
            long start = reader.BaseStream.Position;
            if (length <= 0 || length > reader.BaseStream.Length - start)
                throw new InvalidDataException($"Checkpoint {path}: optimizer section length {length} is invalid or past the end of the file.");
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
