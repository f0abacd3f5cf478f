namespace ModelZoo.Data.Transforms;

/// <summary>torchvision's padding modes.</summary>
public enum PaddingMode
{
    /// <summary>Fill with a constant value.</summary>
    Constant,
    /// <summary>Repeat the edge pixel.</summary>
    Edge,
    /// <summary>Mirror without repeating the edge pixel (abc → cb|abc|ba).</summary>
    Reflect,
    /// <summary>Mirror repeating the edge pixel (abc → ba|abc|cb).</summary>
    Symmetric,
}
