using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.MlNetResNets;
using ModelZoo.Models.Pretrained;

namespace ModelZoo.Onnx.Import;

/// <summary>
/// Recognises ML.NET's <c>ResNet18.onnx</c> (see <see cref="MlNetResNet18"/>) and says how to read it: the network takes BGR
/// (<see cref="OnnxImportOptions.ReverseInputChannels"/>) and 0–255 pixels minus the mean image (<see cref="Preset"/>). The file
/// is identified by what CNTK wrote: producer "CNTK", input "Input247" [1, 3, 224, 224], output "Pooling395_Output_0".
/// </summary>
public static class MlNetResNet18Weights
{
    /// <summary>The evaluation preprocessing of the weights (<see cref="MlNetResNet18.Preset"/>).</summary>
    public static InferencePreset Preset => MlNetResNet18.Preset;

    /// <summary>Import options for the file: reverse the stem's input channels (BGR → RGB).</summary>
    public static OnnxImportOptions ImportOptions { get; } = new() { ReverseInputChannels = true };

    /// <summary>True when <paramref name="file"/> is ML.NET's ResNet18 featurizer backbone.</summary>
    public static bool Matches(ModelProto file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.ProducerName == "CNTK"
            && file.Graph.Inputs.Any(i => i.Name == "Input247")
            && file.Graph.Outputs.Any(o => o.Name == "Pooling395_Output_0");
    }
}
