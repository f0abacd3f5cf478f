namespace ModelZoo.Models.Pretrained;

/// <summary>What an <see cref="IWeightsRule"/> knows when it builds a model for weights.</summary>
/// <param name="Entry">The registered model.</param>
/// <param name="Options">The model options, with the generic implications already applied (class count, channels).</param>
/// <param name="Pretrained">The caller's loading options (GoogLeNet's <see cref="PretrainedOptions.AuxLogits"/>, ...).</param>
/// <param name="Catalog">The catalog entry of the weights, or null for a plain file.</param>
/// <param name="Shapes">The shape of every tensor in the file, by state-dict key (a <c>module.</c> prefix removed).</param>
public sealed record WeightsBuildRequest(
    ModelEntry Entry,
    ModelOptions Options,
    PretrainedOptions Pretrained,
    PretrainedWeights? Catalog,
    IReadOnlyDictionary<string, long[]> Shapes);
