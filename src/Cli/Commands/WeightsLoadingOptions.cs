using ModelZoo.Models.Weights.Loading;

namespace ModelZoo.Cli.Commands;

/// <summary>How the verbs that take weights (predict, evaluate, finetune) match a file's tensors to the model, defined
/// once: <c>--key-map OLD=NEW[,...]</c>, <c>--match-by name|position</c>, <c>--allow-nonfinite</c>.</summary>
internal sealed class WeightsLoadingOptions
{
    public Option<string[]> KeyMap { get; } = new("--key-map")
    {
        Description = "Rename the file's keys: OLD=NEW replaces a prefix (feature.0.=conv1.), re:PATTERN=REPLACEMENT a regular expression "
            + "over the whole key ($1 groups); comma-separated or repeated; the first rule that applies wins.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string> MatchBy { get; } = CreateMatchBy();

    public Option<bool> AllowNonFinite { get; } = new("--allow-nonfinite")
    {
        Description = "Load weights holding NaN or infinite values (refused by default: they come from a corrupt file or a diverged training).",
    };

    private static Option<string> CreateMatchBy()
    {
        var option = new Option<string>("--match-by")
        {
            Description = "Pair the file's tensors with the model's by name (default) or by position (same count, equal shapes in order; "
                + "the pairs used are printed on stderr).",
            DefaultValueFactory = _ => "name",
        };
        option.AcceptOnlyFromAmong("name", "position");
        return option;
    }

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { KeyMap, MatchBy, AllowNonFinite }) command.Options.Add(option);
    }

    public LoadOptions Read(ParseResult parse)
    {
        KeyMapRule[] rules = (parse.GetValue(KeyMap) ?? []).SelectMany(KeyMapRule.ParseList).ToArray();
        bool position = parse.GetValue(MatchBy) == "position";
        if (position && rules.Length > 0) throw new ArgumentException("Give --key-map or --match-by position, not both.");
        return new LoadOptions
        {
            KeyMapRules = rules,
            MatchBy = position ? KeyMatching.Position : KeyMatching.Name,
            AllowNonFinite = parse.GetValue(AllowNonFinite),
        };
    }

    /// <summary>With <c>--match-by position</c>, the pairs it used, one per line on stderr.</summary>
    public static async Task ReportAsync(CliContext context, LoadOptions options, LoadResult? result)
    {
        if (options.MatchBy != KeyMatching.Position || result is null) return;
        await context.Error.WriteLineAsync($"matched {result.Mapping.Count} tensors by position (file key -> model key):").ConfigureAwait(false);
        foreach ((string file, string model) in result.Mapping)
            await context.Error.WriteLineAsync($"  {file} -> {model}").ConfigureAwait(false);
    }
}
