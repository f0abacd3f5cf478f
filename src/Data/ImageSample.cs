using ModelZoo.Data.Imaging;

namespace ModelZoo.Data;

/// <summary>An image and its class index.</summary>
public readonly record struct ImageSample(ImageBuffer Image, int Label);
