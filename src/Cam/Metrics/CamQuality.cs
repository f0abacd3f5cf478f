namespace ModelZoo.Cam.Metrics;

/// <summary>Quality of a batch of explanations (torch-cam / pytorch-grad-cam figures).</summary>
/// <param name="AverageDrop">Mean of the images' <see cref="ImageQuality.Drop"/> (percent; lower is better).</param>
/// <param name="IncreaseInConfidence">Percentage of images whose masked confidence exceeds the original (higher is better).</param>
/// <param name="DeletionAuc">Mean area under the deletion curves (lower is better).</param>
/// <param name="Images">Per image, in batch order.</param>
public sealed record CamQuality(double AverageDrop, double IncreaseInConfidence, double DeletionAuc, IReadOnlyList<ImageQuality> Images);
