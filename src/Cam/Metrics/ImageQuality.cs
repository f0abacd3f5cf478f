namespace ModelZoo.Cam.Metrics;

/// <summary>The quality figures of one explanation.</summary>
/// <param name="Confidence">Y: the class probability on the image.</param>
/// <param name="MaskedConfidence">O: the class probability on the image multiplied by its map.</param>
/// <param name="Drop">100 · max(0, Y − O) / Y (percent).</param>
/// <param name="Increased">O &gt; Y.</param>
/// <param name="Deletion">The deletion curve.</param>
public sealed record ImageQuality(double Confidence, double MaskedConfidence, double Drop, bool Increased, DeletionCurve Deletion);
