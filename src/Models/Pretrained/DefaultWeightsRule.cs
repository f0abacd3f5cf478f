namespace ModelZoo.Models.Pretrained;

/// <summary>The rule of families whose weights imply nothing beyond the generic options: build with the options, load
/// every key. Such families have no auxiliary heads or input transform to configure.</summary>
internal sealed class DefaultWeightsRule : IWeightsRule
{
    public static DefaultWeightsRule Instance { get; } = new();

    public void Check(ModelEntry entry, PretrainedOptions options)
    {
        if (options.AuxLogits || options.TransformInput is not null)
            throw new ArgumentException(
                $"PretrainedOptions.AuxLogits and TransformInput apply to models with auxiliary heads and an input transform (GoogLeNet); {entry.Name} has neither.",
                nameof(options));
    }

    public WeightsBuild Build(WeightsBuildRequest request) => new(request.Entry.Build(request.Options), []);
}
