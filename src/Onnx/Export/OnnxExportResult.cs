namespace ModelZoo.Onnx.Export;

/// <summary>What <see cref="OnnxExport.Save"/> wrote.</summary>
/// <param name="Path">The .onnx file.</param>
/// <param name="Opset">Operator set of the default domain.</param>
/// <param name="InputName">Graph input name.</param>
/// <param name="InputShape">Input shape; −1 marks the dynamic batch.</param>
/// <param name="OutputName">Graph output name.</param>
/// <param name="OutputShape">Output shape; −1 marks the dynamic batch.</param>
/// <param name="Nodes">Number of nodes.</param>
/// <param name="Initializers">Number of initializers.</param>
/// <param name="Bytes">File size.</param>
/// <param name="FoldedBatchNorms">Batch norms folded into convolutions.</param>
public sealed record OnnxExportResult(
    string Path,
    int Opset,
    string InputName,
    IReadOnlyList<long> InputShape,
    string OutputName,
    IReadOnlyList<long> OutputShape,
    int Nodes,
    int Initializers,
    long Bytes,
    int FoldedBatchNorms);
