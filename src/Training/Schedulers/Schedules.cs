using System.Globalization;

namespace ModelZoo.Training.Schedulers;

/// <summary>
/// Creates a schedule from a short spec, the form the CLI's <c>--scheduler</c> takes: <c>NAME[:ARG[:ARG]]</c>.
/// <list type="bullet">
/// <item><c>none</c> — constant rate (null).</item>
/// <item><c>step[:EPOCHS[:GAMMA]]</c> — ×GAMMA (0.1) every EPOCHS (a third of the run).</item>
/// <item><c>multistep[:E1,E2,...[:GAMMA]]</c> — ×GAMMA (0.1) at each epoch listed (50 % and 75 % of the run).</item>
/// <item><c>exponential[:GAMMA]</c> — ×GAMMA (0.9) every epoch.</item>
/// <item><c>cosine[:MIN_FACTOR]</c> — cosine per step down to MIN_FACTOR (0) × the rate.</item>
/// <item><c>onecycle[:PCT_START]</c> — fastai's one-cycle per step, peak = the rate, PCT_START 0.25.</item>
/// <item><c>plateau[:PATIENCE[:FACTOR]]</c> — ×FACTOR (0.1) after PATIENCE (2) epochs without a better eval_loss.</item>
/// </list>
/// Every schedule takes the warm-up in epochs (linear, before the schedule).
/// </summary>
public static class Schedules
{
    /// <summary>The schedule names, in the order the CLI lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { "none", "step", "multistep", "exponential", "cosine", "onecycle", "plateau" };

    /// <summary>The schedule <paramref name="spec"/> names, or null for <c>none</c> (with a warm-up: a constant rate after it).
    /// Throws <see cref="ArgumentException"/> with the expected form for a bad spec.</summary>
    public static LearningRateScheduler? Create(string spec, double warmupEpochs = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Trim().ToLowerInvariant().Split(':');
        string name = parts[0];
        string? Arg(int i) => parts.Length > i && parts[i].Length > 0 ? parts[i] : null;
        int maxArgs = name switch { "none" or "exponential" or "cosine" or "onecycle" => 1, _ => 2 };
        if (!Names.Contains(name))
            throw new ArgumentException($"Unknown schedule '{spec}'; expected one of: {string.Join(", ", Names)} (optionally NAME:ARGS, e.g. step:5:0.5).");
        if (parts.Length - 1 > maxArgs || (name == "none" && parts.Length > 1))
            throw new ArgumentException($"Schedule '{spec}' has too many arguments; expected {Form(name)}.");
        try
        {
            return name switch
            {
                "none" => warmupEpochs > 0 ? new ConstantSchedule(warmupEpochs) : null,
                "step" => new StepSchedule(Int(Arg(1)), Double(Arg(2)) ?? 0.1, warmupEpochs: warmupEpochs),
                "multistep" => new MultiStepSchedule(Arg(1)?.Split(',').Select(m => Int(m)!.Value).ToArray(), Double(Arg(2)) ?? 0.1, warmupEpochs: warmupEpochs),
                "exponential" => new ExponentialSchedule(Double(Arg(1)) ?? 0.9, warmupEpochs: warmupEpochs),
                "cosine" => new CosineSchedule(warmupEpochs, Double(Arg(1)) ?? 0),
                "onecycle" => new OneCycleSchedule(Double(Arg(1)) ?? 0.25, warmupEpochs: warmupEpochs),
                _ => new ReduceOnPlateau(patience: Int(Arg(1)) ?? 2, factor: Double(Arg(2)) ?? 0.1, warmupEpochs: warmupEpochs),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException or ArgumentException)
        {
            throw new ArgumentException($"Bad schedule '{spec}': {FirstLine(ex.Message)} Expected {Form(name)}.", ex);
        }
    }

    private static string Form(string name) => name switch
    {
        "step" => "step[:EPOCHS[:GAMMA]] (EPOCHS >= 1, 0 < GAMMA <= 1)",
        "multistep" => "multistep[:E1,E2,...[:GAMMA]] (epochs >= 1, 0 < GAMMA <= 1)",
        "exponential" => "exponential[:GAMMA] (0 < GAMMA <= 1)",
        "cosine" => "cosine[:MIN_FACTOR] (0 <= MIN_FACTOR < 1)",
        "onecycle" => "onecycle[:PCT_START] (0 < PCT_START < 1)",
        "plateau" => "plateau[:PATIENCE[:FACTOR]] (PATIENCE >= 0, 0 < FACTOR < 1)",
        _ => "none",
    };

    private static string FirstLine(string message)
    {
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        string line = (cut >= 0 ? message[..cut] : message).Split('\n')[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }

    private static int? Int(string? text) => text is null ? null : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double? Double(string? text) => text is null ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
