namespace ModelZoo.Models.Weights;

/// <summary>Weight file formats <see cref="WeightFile"/> recognises.</summary>
public enum WeightFileFormat { PyTorchZip, PyTorchLegacy, Safetensors, TorchSharp, ModelZooCheckpoint }
