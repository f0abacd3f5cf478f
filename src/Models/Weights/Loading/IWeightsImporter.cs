namespace ModelZoo.Models.Weights.Loading;

/// <summary>
/// Loads a weights format that is not a state dict (an ONNX graph, through ModelZoo.Onnx's <c>OnnxWeightsImporter</c>) for
/// <see cref="Pretrained.PretrainedLoader"/>: register one with <see cref="WeightsImporters.Register"/> and every verb that
/// takes a weights file accepts that format. The importer reads the file once, asks the caller to build the model for the
/// class count it finds, and loads the weights into it.
/// </summary>
public interface IWeightsImporter
{
    /// <summary>True when this importer reads the file at <paramref name="path"/>.</summary>
    bool CanImport(string path);

    /// <summary>Builds the model with <paramref name="buildModel"/> (given the file's class count, or null when the file does
    /// not say) and loads the file's weights into it; throws naming the problem when they do not fit.</summary>
    ImportedWeights Import(string path, Func<int?, ImageClassifier> buildModel);
}
