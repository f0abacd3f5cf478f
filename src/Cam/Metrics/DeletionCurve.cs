namespace ModelZoo.Cam.Metrics;

/// <summary>
/// The deletion curve (Petsiuk et al. 2018): the class probability after removing the most salient
/// <see cref="Fractions"/>[s] of the pixels; <see cref="Auc"/> is the trapezoidal area under it over [0, 1]
/// (lower = the map found the pixels the class depends on).
/// </summary>
public sealed record DeletionCurve(IReadOnlyList<double> Fractions, IReadOnlyList<double> Scores)
{
    public double Auc
    {
        get
        {
            double area = 0;
            for (int i = 1; i < Scores.Count; i++) area += (Fractions[i] - Fractions[i - 1]) * (Scores[i] + Scores[i - 1]) / 2;
            return area;
        }
    }
}
