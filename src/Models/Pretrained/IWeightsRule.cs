namespace ModelZoo.Models.Pretrained;

/// <summary>
/// A family's rule for building a model that weights are about to be loaded into (torchvision's builders with
/// <c>weights=</c>): the options those weights imply beyond the generic ones <see cref="PretrainedLoader"/> applies
/// (class count, RGB input). The default builds with the options and loads every key; GoogLeNet's rule keeps or drops
/// its auxiliary heads and turns on <c>transform_input</c> for torchvision's weights. Set on
/// <see cref="ModelEntry.WeightsRule"/>.
/// </summary>
public interface IWeightsRule
{
    /// <summary>Throws an <see cref="ArgumentException"/> when <paramref name="options"/> ask for something the family
    /// does not have. Called before any file is read or downloaded.</summary>
    void Check(ModelEntry entry, PretrainedOptions options);

    /// <summary>Builds the model for <paramref name="request"/>'s weights and names the keys loading must skip.</summary>
    WeightsBuild Build(WeightsBuildRequest request);
}
