namespace ModelZoo.Cam;

/// <summary>
/// The explanation of one image for one class.
/// </summary>
/// <param name="Method">The method's name ("gradcam", "cam", ...).</param>
/// <param name="ClassIndex">The explained class (the predicted one unless given).</param>
/// <param name="Score">The model's logit for <paramref name="ClassIndex"/>.</param>
/// <param name="Probability">Its softmax probability.</param>
/// <param name="Map">[input H, input W], bilinearly upsampled, min–max normalised to [0, 1] (the average of the layers'
/// normalised maps, normalised again, when several layers are explained).</param>
/// <param name="Layers">The explained module paths.</param>
/// <param name="RawMaps">Per layer, at the layer's resolution: the method's weighted combination before ReLU and
/// scaling (e.g. Σ_k w_k A_k for CAM).</param>
public sealed record CamResult(string Method, int ClassIndex, double Score, double Probability, CamMap Map,
    IReadOnlyList<string> Layers, IReadOnlyList<CamMap> RawMaps)
{
    /// <summary>The (x, y) of the map's largest value, in input pixels.</summary>
    public (int X, int Y) Peak => Map.Peak;
}
