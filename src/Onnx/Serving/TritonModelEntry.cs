using ModelZoo.Onnx.Export;

namespace ModelZoo.Onnx.Serving;

/// <summary>A written Triton model-repository entry.</summary>
/// <param name="Folder">DIR/NAME.</param>
/// <param name="ConfigPath">DIR/NAME/config.pbtxt.</param>
/// <param name="Export">The DIR/NAME/1/model.onnx export.</param>
/// <param name="MaxBatchSize">max_batch_size of the config.</param>
public sealed record TritonModelEntry(string Folder, string ConfigPath, OnnxExportResult Export, int MaxBatchSize);
