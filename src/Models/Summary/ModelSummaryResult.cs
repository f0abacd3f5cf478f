namespace ModelZoo.Models.Summary;

/// <summary>The result of <see cref="ModelSummary.Compute"/>: per-layer rows and totals for one input shape.</summary>
public sealed record ModelSummaryResult
{
    /// <summary>Model name (the registry name when given, else the module name).</summary>
    public required string Model { get; init; }

    /// <summary>The input shape the forward ran on, [N, C, H, W].</summary>
    public required long[] InputShape { get; init; }

    /// <summary>True when the forward ran in training mode.</summary>
    public bool Training { get; init; }

    /// <summary>One row per layer call in execution order, then layers that did not run.</summary>
    public required IReadOnlyList<LayerSummary> Layers { get; init; }

    /// <summary>Number of parameter values.</summary>
    public long Params { get; init; }

    /// <summary>Parameter values that require gradients.</summary>
    public long TrainableParams { get; init; }

    /// <summary>Parameter values that do not require gradients (frozen).</summary>
    public long NonTrainableParams { get; init; }

    /// <summary>Bytes of all parameters.</summary>
    public long ParamBytes { get; init; }

    /// <summary>Number of values held in buffers (batch-norm running mean/variance and batch counters).</summary>
    public long BufferCount { get; init; }

    /// <summary>Number of buffer tensors.</summary>
    public long BufferTensors { get; init; }

    /// <summary>Bytes of all buffers.</summary>
    public long BufferBytes { get; init; }

    /// <summary>Multiply-accumulates of the forward pass for <see cref="InputShape"/> (convolutions and linear
    /// layers, as torchvision's GFLOPS figures count them).</summary>
    public long Macs { get; init; }

    /// <summary>Estimated activation memory of the forward pass: the sum of every layer call's output bytes.</summary>
    public long ActivationBytes { get; init; }

    /// <summary>A Keras-like text table (layer path, type, output shape, parameters, MACs) with totals.</summary>
    public string ToTable() => SummaryTable.Render(this);

    /// <summary>The summary as JSON: <c>{"model", "params", "trainable_params", "non_trainable_params", "macs",
    /// "buffers", "activation_bytes", "layers": [{"name", "type", "output_shape", "params", "macs"}]}</c>.</summary>
    public string ToJson(bool indented = false) => SummaryJson.Write(this, indented);
}
