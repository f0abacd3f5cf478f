namespace ModelZoo.Data.Loading;

/// <summary>The tensor type the loader collates images into.</summary>
public enum ImageTensorFormat
{
    /// <summary>float32 [N, C, H, W], pixel / 255.</summary>
    Float32,

    /// <summary>uint8 [N, C, H, W], raw pixels (a quarter of the memory; convert and normalise on the device).</summary>
    UInt8,
}
