using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Onnx.Import;

/// <summary>What <see cref="OnnxImport.LoadWeights(Models.ImageClassifier, string, OnnxImportOptions?)"/> did.</summary>
/// <param name="Load">Loaded, missing, unexpected (file initializers no model tensor took), shape-mismatched and ignored
/// keys, as the state-dict loader reports them.</param>
/// <param name="PairedNodes">Weighted nodes of the model paired with the file's.</param>
/// <param name="FileWeightedNodes">Weighted nodes (Conv, BatchNormalization, Gemm, MatMul) in the file.</param>
/// <param name="Producer">The file's producer name and version (e.g. "CNTK 2.6").</param>
/// <param name="ModelName">The model name recorded by a ModelZoo export, or null.</param>
/// <param name="Preset">The preprocessing recorded by a ModelZoo export, or null.</param>
/// <param name="Labels">The class names recorded by a ModelZoo export, or null.</param>
public sealed record OnnxImportResult(
    LoadResult Load,
    int PairedNodes,
    int FileWeightedNodes,
    string Producer,
    string? ModelName,
    InferencePreset? Preset,
    IReadOnlyList<string>? Labels);
