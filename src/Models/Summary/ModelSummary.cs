using System.Runtime.InteropServices;

namespace ModelZoo.Models.Summary;

/// <summary>
/// Computes a Keras-style summary of a model: one row per layer call with its output shape, parameters and
/// multiply-accumulates, plus totals, buffers and memory estimates. Works on any
/// <c>nn.Module&lt;Tensor, Tensor&gt;</c> whose layers are invoked with <c>call</c> (so forward hooks fire).
/// </summary>
/// <remarks>
/// A layer invoked with <c>forward</c> instead of <c>call</c>, or a leaf that is not a <c>Module&lt;Tensor, Tensor&gt;</c>,
/// shows as "not run" (its parameters still count; its MACs do not). Operations done with <c>nn.functional</c> have no
/// module and no row. A training-mode summary draws dropout masks from torch's global generator.
/// </remarks>
public static class ModelSummary
{
    /// <summary>
    /// Runs one forward pass on a zero input of <paramref name="inputShape"/> ([C, H, W] with batch 1, or
    /// [N, C, H, W]) under no_grad, with forward hooks on every leaf module (and every module owning parameters
    /// directly), and returns the rows and totals. <paramref name="training"/> runs it in training mode (for a
    /// model with active auxiliary heads, through <see cref="IAuxiliaryOutputs.ForwardWithAuxiliary"/>); the
    /// model's modes and buffers (batch-norm running statistics) are restored afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is malformed, or the model rejects an input of that shape.</exception>
    public static ModelSummaryResult Compute(nn.Module<Tensor, Tensor> model, long[] inputShape, bool training = false, string? modelName = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        long[] shape = NormalizeShape(inputShape);
        string name = modelName ?? model.GetName();

        // PyTorch's order: the root, then every descendant depth-first.
        List<(string Path, nn.Module Module)> modules = ModuleTree.NamedDescendants(model).Prepend(("", model)).ToList();
        var candidates = modules.Where(m => IsLeaf(m.Module) || OwnsParameters(m.Module)).ToList();
        var calls = new List<(string Path, nn.Module Module, long[] Shape, long Macs, long Bytes)>();

        Parameter? first = model.parameters().FirstOrDefault();
        ScalarType dtype = first?.dtype ?? ScalarType.Float32;
        Device device = first?.device ?? torch.CPU;

        var modes = modules.Select(m => (m.Module, m.Module.training)).ToList();
        List<(Tensor Buffer, Tensor Saved)> savedBuffers = training ? SaveBuffers(model) : new();
        try
        {
            using var hooks = new ForwardHookSet();
            foreach ((string path, nn.Module module) in candidates)
            {
                if (module is not nn.Module<Tensor, Tensor> hookable) continue;
                hooks.Add(hookable, (input, output) =>
                    calls.Add((path, module, output.shape, MacCounter.Count(module, input, output), output.numel() * output.ElementSize)));
            }
            model.train(training);
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            Tensor x = torch.zeros(shape, dtype, device);
            if (model is ImageClassifier classifier) classifier.ValidateInput(x);
            RunForward(model, x, training, name);
        }
        finally
        {
            foreach ((nn.Module module, bool wasTraining) in modes) module.train(wasTraining);
            RestoreBuffers(savedBuffers);
        }

        return Build(name, shape, training, model, candidates, calls);
    }

    /// <summary>Builds the registered model <paramref name="name"/> as its family builds it for inputs of that height and
    /// width (<see cref="ModelEntry.OptionsFor"/>; e.g. LeNet-5 for 28×28, as train and evaluate do), summarises it on
    /// <paramref name="inputShape"/> (default: the entry's <see cref="ModelEntry.DefaultInputShape"/>) and disposes it.</summary>
    /// <exception cref="KeyNotFoundException">The name is not registered (the message lists close names).</exception>
    public static ModelSummaryResult Compute(string name, long[]? inputShape = null, bool training = false, ModelOptions? options = null)
    {
        ModelEntry entry = Zoo.Get(name);
        long[] shape = inputShape ?? entry.DefaultInputShape.Select(d => (long)d).ToArray();
        // The model the family builds for images of this size (LeNet-5 for 28×28); the channels stay the options' (a
        // shape with other channels is then reported as a mismatch, not silently given a new stem).
        ModelOptions built = shape.Length is 3 or 4 && shape[^1] is > 0 and <= int.MaxValue && shape[^2] is > 0 and <= int.MaxValue
            ? entry.OptionsFor(new InputImage(null, (int)shape[^2], (int)shape[^1]), options)
            : options ?? new ModelOptions();
        using ImageClassifier model = entry.Build(built);
        return Compute(model, shape, training, entry.Name);
    }

    private static void RunForward(nn.Module<Tensor, Tensor> model, Tensor x, bool training, string name)
    {
        try
        {
            if (training && model is IAuxiliaryOutputs aux && aux.HasActiveAuxiliaryHeads)
                aux.ForwardWithAuxiliary(x);
            else
                model.call(x);
        }
        catch (ExternalException ex)
        {
            throw new ArgumentException(
                $"{name} cannot run on an input of shape {ShapeText(x.shape)}: {FirstLine(ex.Message)}", nameof(x), ex);
        }
    }

    private static ModelSummaryResult Build(string name, long[] shape, bool training, nn.Module model,
        List<(string Path, nn.Module Module)> candidates, List<(string Path, nn.Module Module, long[] Shape, long Macs, long Bytes)> calls)
    {
        var rows = new List<LayerSummary>();
        var counted = new HashSet<nn.Module>(ReferenceEqualityComparer.Instance);
        foreach (var call in calls)
        {
            bool firstCall = counted.Add(call.Module);
            (long p, long t) = firstCall ? DirectParameters(call.Module) : (0, 0);
            rows.Add(new LayerSummary(RowName(call.Path, name), call.Module.GetType().Name, call.Shape, p, t, call.Macs, call.Bytes));
        }
        foreach ((string path, nn.Module module) in candidates)
        {
            if (counted.Contains(module)) continue;
            (long p, long t) = DirectParameters(module);
            rows.Add(new LayerSummary(RowName(path, name), module.GetType().Name, Array.Empty<long>(), p, t, 0, 0, Executed: false));
        }

        long total = 0, trainable = 0, paramBytes = 0;
        foreach (Parameter p in model.parameters())
        {
            total += p.numel();
            if (p.requires_grad) trainable += p.numel();
            paramBytes += p.numel() * p.ElementSize;
        }
        long bufferValues = 0, bufferBytes = 0, bufferTensors = 0;
        foreach ((string _, Tensor b) in model.named_buffers())
        {
            bufferTensors++;
            bufferValues += b.numel();
            bufferBytes += b.numel() * b.ElementSize;
        }
        return new ModelSummaryResult
        {
            Model = name,
            InputShape = shape,
            Training = training,
            Layers = rows,
            Params = total,
            TrainableParams = trainable,
            NonTrainableParams = total - trainable,
            ParamBytes = paramBytes,
            BufferCount = bufferValues,
            BufferTensors = bufferTensors,
            BufferBytes = bufferBytes,
            Macs = rows.Sum(r => r.Macs),
            ActivationBytes = rows.Sum(r => r.OutputBytes),
        };
    }

    private static long[] NormalizeShape(long[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length is not (3 or 4) || inputShape.Any(d => d < 1))
            throw new ArgumentException(
                $"The input shape must be [C, H, W] or [N, C, H, W] with positive sizes; got {ShapeText(inputShape)}.", nameof(inputShape));
        return inputShape.Length == 3 ? new[] { 1L, inputShape[0], inputShape[1], inputShape[2] } : (long[])inputShape.Clone();
    }

    private static bool IsLeaf(nn.Module module) => !module.named_children().Any();

    private static bool OwnsParameters(nn.Module module) => module.named_parameters(recurse: false).Any();

    private static (long Params, long Trainable) DirectParameters(nn.Module module)
    {
        long p = 0, t = 0;
        foreach ((string _, Parameter param) in module.named_parameters(recurse: false))
        {
            p += param.numel();
            if (param.requires_grad) t += param.numel();
        }
        return (p, t);
    }

    private static List<(Tensor, Tensor)> SaveBuffers(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        return model.named_buffers().Select(b => (b.Item2, b.Item2.clone())).ToList();
    }

    private static void RestoreBuffers(List<(Tensor Buffer, Tensor Saved)> saved)
    {
        using var noGrad = torch.no_grad();
        foreach ((Tensor buffer, Tensor copy) in saved)
        {
            buffer.copy_(copy);
            copy.Dispose();
        }
    }

    private static string RowName(string path, string modelName) => path.Length == 0 ? modelName : path;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    internal static string ShapeText(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
