using ModelZoo.Data.Imaging;
using static TorchSharp.torch;

namespace ModelZoo.Data.Loading;

/// <summary>One transformed sample before collation: still an image (collated straight into the batch tensor)
/// or already a tensor (stacked).</summary>
internal readonly record struct LoadedSample(ImageBuffer? Image, Tensor? Tensor, long Label);
