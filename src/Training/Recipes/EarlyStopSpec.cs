using System.Globalization;

namespace ModelZoo.Training.Recipes;

/// <summary>The <c>METRIC:PATIENCE</c> form of an early-stopping rule (e.g. <c>eval_loss:3</c>).</summary>
public sealed record EarlyStopSpec(string Metric, int Patience)
{
    public static EarlyStopSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int patience) || patience < 1)
            throw new FormatException($"Early stopping '{text}' must be METRIC:PATIENCE with PATIENCE >= 1 epochs, e.g. eval_loss:3.");
        return new EarlyStopSpec(TrainingRecipe.CheckMetric(parts[0]), patience);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric}:{Patience}");
}
