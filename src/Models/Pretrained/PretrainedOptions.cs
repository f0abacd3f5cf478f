namespace ModelZoo.Models.Pretrained;

/// <summary>How <see cref="PretrainedLoader"/> builds a model for a set of weights.</summary>
public sealed record PretrainedOptions
{
    /// <summary>Model options. With catalog weights, <c>NumClasses</c> must be unset or equal to the weights' class
    /// count and <c>InChannels</c> unset or 3 (weights imply options; a conflict is an error, never a silent
    /// override). With a plain file, an unset <c>NumClasses</c> is read from the file's classifier.</summary>
    public ModelOptions Model { get; init; } = new();

    /// <summary>GoogLeNet only: keep the auxiliary heads. torchvision's published GoogLeNet file carries aux1/aux2
    /// tensors that were never trained; like torchvision's builder, the default (false) drops them after loading
    /// (the model is built without aux heads and their keys are skipped), true keeps them for training (they then need
    /// training before their outputs mean anything).</summary>
    public bool AuxLogits { get; init; }

    /// <summary>GoogLeNet only: torchvision's <c>transform_input</c>. Null = true for catalog weights (as torchvision:
    /// its GoogLeNet weights expect it), false for a plain file.</summary>
    public bool? TransformInput { get; init; }

    /// <summary>For checkpoints holding more than a state dict (<c>{"state_dict": ..., "epoch": ...}</c>): the key of
    /// the inner dict; null finds it (see PyTorchCheckpoint.StateDict).</summary>
    public string? StateDictKey { get; init; }

    /// <summary>Where cached weights are found and downloads go.</summary>
    public WeightsCacheOptions Cache { get; init; } = new();

    /// <summary>How the file's tensors are matched to the model and checked: key-map rules, matching by position, NaN and
    /// infinite values (see <see cref="Weights.Loading.LoadOptions"/>; default: by name, strict, finite values only).</summary>
    public Weights.Loading.LoadOptions Loading { get; init; } = new();
}
