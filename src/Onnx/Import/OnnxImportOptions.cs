namespace ModelZoo.Onnx.Import;

/// <summary>How <see cref="OnnxImport"/> maps an ONNX graph's weights onto a model.</summary>
public sealed record OnnxImportOptions
{
    /// <summary>Fail (an <see cref="OnnxImportException"/>, nothing written) on any missing, unexpected or shape-mismatched
    /// tensor (default true). False loads what fits and reports the rest.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>The file's network takes its input channels in reverse order (BGR): reverse the stem convolution's input
    /// channels so the model takes RGB (default false). Set for the ML.NET ResNet18 featurizer by
    /// <see cref="MlNetResNet18Weights"/>.</summary>
    public bool ReverseInputChannels { get; init; }

    /// <summary>Input height and width of the model's reference graph; null (default): the file's, when fixed.</summary>
    public int? InputSize { get; init; }
}
