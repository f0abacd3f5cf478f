namespace ModelZoo.Interactive;

/// <summary>Colour maps for <see cref="TensorImage.Heatmap"/>.</summary>
public enum Colormap
{
    /// <summary>Matplotlib's perceptually uniform default (dark blue → green → yellow).</summary>
    Viridis,

    /// <summary>The classic rainbow used by Grad-CAM overlays (blue → cyan → yellow → red).</summary>
    Jet,

    /// <summary>Black to white.</summary>
    Gray,

    /// <summary>Blue (negative) → white (zero) → red (positive) for signed values centred on the middle of the range.</summary>
    Diverging,
}
