using System.Reflection;
using System.Text.Json.Nodes;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Precision;

namespace ModelZoo.Training;

/// <summary>How <see cref="Trainer.Fit"/> continues from <see cref="TrainerOptions.ResumeFrom"/>.</summary>
internal static class TrainerResume
{
    /// <summary>Loads the checkpoint's weights and optimizer state, the precision strategy's state, history, step count,
    /// start epoch and callback state (JSON and tensors) into a fresh fit.</summary>
    public static void Apply(TrainerContext context, string path, CheckpointInfo info, bool restoreOptimizer)
    {
        if (info.Training is not { } state)
            throw new InvalidDataException($"Checkpoint {path} holds weights only (no training state), so training cannot resume from it. " +
                "Resume from a checkpoint written during training (CheckpointCallback), or fine-tune from it instead.");
        Checkpoint.Restore(path, context.Model, restoreOptimizer ? context.Optimizer : null, out Dictionary<string, Tensor>? tensors, readTensors: true);
        if (restoreOptimizer) MoveOptimizerState(context.Optimizer, context.Device);
        context.Precision.LoadState(state.PrecisionState);
        context.History.AddRange(state.History);
        context.StartEpoch = info.Epoch + 1;
        context.GlobalStep = state.GlobalStep;
        foreach (IStatefulCallback c in context.Callbacks.OfType<IStatefulCallback>())
            if (state.Callbacks is { } saved && saved.TryGetValue(c.StateKey, out JsonNode? node)) c.LoadState(node);
        if (tensors is null) return;
        foreach (ITensorStateCallback c in context.Callbacks.OfType<ITensorStateCallback>())
        {
            string prefix = c.TensorKey + "/";
            var own = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (string key in tensors.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray())
            {
                tensors.Remove(key, out Tensor? cpu);
                Tensor moved = cpu!.to(context.Device).DetachFromDisposeScope();
                if (!ReferenceEquals(moved, cpu)) cpu.Dispose();
                own[key[prefix.Length..]] = moved;
            }
            if (own.Count > 0) c.LoadTensors(own);
        }
        foreach (Tensor t in tensors.Values) t.Dispose();   // tensors of callbacks this run does not have
    }

    /// <summary>TorchSharp 0.107 loads optimizer buffers on the CPU and its State.to() drops the moved copy, so the
    /// buffers (public Tensor fields of each state: momentum, Adam moments) are moved here. Not exercised on CUDA yet.</summary>
    private static void MoveOptimizerState(optim.Optimizer optimizer, Device device)
    {
        if (device.type == DeviceType.CPU || optimizer is not TorchSharp.Modules.OptimizerHelper helper) return;
        foreach (TorchSharp.Modules.OptimizerState state in helper.state_dict().State)
            foreach (FieldInfo field in state.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
                if (field.FieldType == typeof(Tensor) && field.GetValue(state) is Tensor t && t.device_type != device.type)
                {
                    field.SetValue(state, t.to(device).DetachFromDisposeScope());
                    t.Dispose();
                }
    }
}
