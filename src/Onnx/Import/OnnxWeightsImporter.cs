using ModelZoo.Models;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Onnx.Export;

namespace ModelZoo.Onnx.Import;

/// <summary>
/// Makes <c>.onnx</c> files weights for <see cref="Models.Pretrained.PretrainedLoader"/> and so for every verb (`modelzoo
/// finetune --weights ResNet18.onnx`, `predict`, `export`): <c>OnnxWeightsImporter.Register()</c> once at start-up. The class
/// count comes from a ModelZoo export's metadata, else from the graph output ([N, K]: K; [N, C, 1, 1]: a backbone, 0);
/// known foreign files (<see cref="MlNetResNet18Weights"/>) bring their channel order and preprocessing.
/// </summary>
public sealed class OnnxWeightsImporter : IWeightsImporter
{
    /// <summary>Registers the importer with <see cref="WeightsImporters"/> (idempotent).</summary>
    public static void Register() => WeightsImporters.Register(new OnnxWeightsImporter());

    /// <summary>A <c>.onnx</c> file (ONNX has no magic number; the extension decides).</summary>
    public bool CanImport(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && File.Exists(path);

    public ImportedWeights Import(string path, Func<int?, ImageClassifier> buildModel)
    {
        ArgumentNullException.ThrowIfNull(buildModel);
        ModelProto file = ModelProto.Read(path);
        bool mlnet = MlNetResNet18Weights.Matches(file);
        ImageClassifier model = buildModel(ClassCount(file));
        try
        {
            OnnxImportResult result = OnnxImport.LoadWeights(model, file, Path.GetFileName(path),
                mlnet ? MlNetResNet18Weights.ImportOptions : new OnnxImportOptions());
            return new ImportedWeights(model, result.Load, result.Preset ?? (mlnet ? MlNetResNet18Weights.Preset : null), result.Labels);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The number of classes the file's graph outputs, or null when it cannot tell.</summary>
    public static int? ClassCount(ModelProto file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Metadata(OnnxMetadataKeys.NumClasses) is { } text && int.TryParse(text, out int n)) return n;
        List<TensorDimension>? shape = file.Graph.Outputs.FirstOrDefault()?.Shape;
        return shape switch
        {
            [_, { Value: { } k }] => (int)k,
            [_, _, { Value: 1 }, { Value: 1 }] => 0,
            _ => null,
        };
    }
}
