using static TorchSharp.torch;

namespace ModelZoo.Data.Datasets.Tensors;

/// <summary>A tensor sample and its class index. <see cref="Input"/> is a view created in the caller's dispose
/// scope (the data loader opens one per sample).</summary>
public readonly record struct TensorSample(Tensor Input, long Label);
