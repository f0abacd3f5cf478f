namespace ModelZoo.Training.Checkpoints;

/// <summary>
/// How a fine-tuned checkpoint's model was made from pretrained weights (<see cref="CheckpointInfo.Finetune"/>): the
/// starting weights, the options the model was built with around them, the frozen layers and the class subset. A
/// resumed fine-tune must be given the same recipe, so it rebuilds exactly the model, head and data of the first run.
/// </summary>
public sealed record FinetuneRecipe
{
    /// <summary>The starting weights as given: a catalog name (DEFAULT, IMAGENET1K_V1, ...), or the full path of a weights
    /// file or checkpoint.</summary>
    public required string Weights { get; init; }

    /// <summary>Options the model was built with around a plain weights file.</summary>
    public ModelOptions ModelOptions { get; init; } = new();

    /// <summary>What was not trained: "backbone", "none" or a comma list of module paths.</summary>
    public string Freeze { get; init; } = "backbone";

    /// <summary>The classes kept, as given (names or indices), in order; null = all.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The limit on training items (after class filtering), if any.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>The first difference between this (saved) recipe and <paramref name="asked"/>, as (option, saved value,
    /// asked value), or null when they describe the same fine-tune.</summary>
    public (string Option, string Saved, string Asked)? FirstDifference(FinetuneRecipe asked)
    {
        ArgumentNullException.ThrowIfNull(asked);
        if (!string.Equals(Weights, asked.Weights, StringComparison.Ordinal)) return ("--weights", Weights, asked.Weights);
        if (!string.Equals(Freeze.Trim(), asked.Freeze.Trim(), StringComparison.OrdinalIgnoreCase)) return ("--freeze", Freeze, asked.Freeze);
        string saved = Join(Classes), given = Join(asked.Classes);
        if (saved != given) return ("--classes", saved, given);
        if (TrainLimit != asked.TrainLimit) return ("--train-limit", TrainLimit?.ToString() ?? "", asked.TrainLimit?.ToString() ?? "");
        if (ModelOptions != asked.ModelOptions) return ("--num-classes/--in-channels/--input-size", Describe(ModelOptions), Describe(asked.ModelOptions));
        return null;
    }

    private static string Join(IReadOnlyList<string>? classes) => classes is { Count: > 0 } c ? string.Join(",", c.Select(n => n.Trim())) : "";

    private static string Describe(ModelOptions o) =>
        $"num-classes {o.NumClasses?.ToString() ?? "-"}, in-channels {o.InChannels?.ToString() ?? "-"}, input-size {o.InputSize?.ToString() ?? "-"}";
}
