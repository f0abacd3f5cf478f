namespace ModelZoo.Cam.Rendering;

/// <summary>How a map is drawn over an image.</summary>
public sealed record OverlayOptions
{
    /// <summary>jet (default), viridis, inferno or turbo (<see cref="Rendering.Colormap.Names"/>).</summary>
    public string Colormap { get; init; } = "jet";

    /// <summary>Weight of the image in the blend, in [0, 1] (default 0.5): pixel = (1 − w) · colour + w · image.</summary>
    public double ImageWeight { get; init; } = 0.5;

    internal void Validate()
    {
        if (!(ImageWeight >= 0 && ImageWeight <= 1))
            throw new ArgumentOutOfRangeException(nameof(ImageWeight), ImageWeight, "The image weight must be in [0, 1].");
        _ = Rendering.Colormap.Get(Colormap);
    }
}
