namespace ModelZoo.Interactive;

/// <summary>One named curve of a <see cref="Chart"/>: y values at x positions (x defaults to 1, 2, 3, …).</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Y">The values; non-finite ones are left out of the curve.</param>
/// <param name="X">The positions, as many as <paramref name="Y"/>; null for 1, 2, 3, ….</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Y, IReadOnlyList<double>? X = null);
