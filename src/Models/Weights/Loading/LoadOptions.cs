namespace ModelZoo.Models.Weights.Loading;

/// <summary>How <see cref="StateDictLoader"/> matches checkpoint keys to a model's parameters and buffers.
/// Keys are transformed in this order: <see cref="StripPrefixes"/>, then <see cref="KeyMapRules"/>, then
/// <see cref="KeyMap"/>, then compared with <see cref="IgnoreKeys"/> and the model — unless <see cref="MatchBy"/> is
/// <see cref="KeyMatching.Position"/>, which pairs tensors by order instead.</summary>
public sealed record LoadOptions
{
    /// <summary>Throw when a model key is missing from the checkpoint or a checkpoint key is unknown to the model
    /// (default true, as PyTorch). Shape mismatches always throw unless <see cref="SkipMismatchedShapes"/>.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>Prefixes removed from the start of checkpoint keys where present (default <c>"module."</c>, which
    /// <c>DataParallel</c>/<c>DistributedDataParallel</c> add).</summary>
    public IReadOnlyList<string> StripPrefixes { get; init; } = ["module."];

    /// <summary>Renames a checkpoint key (after prefix stripping) to the model's name; returning null drops the key
    /// (reported in <see cref="LoadResult.Ignored"/>).</summary>
    public Func<string, string?>? KeyMap { get; init; }

    /// <summary>Renaming rules (<c>OLD=NEW</c> prefixes or <c>re:PATTERN=REPLACEMENT</c>, see <see cref="KeyMapRule"/>)
    /// applied after prefix stripping: the first rule that applies renames a key; keys no rule applies to stay as they
    /// are. Default none.</summary>
    public IReadOnlyList<KeyMapRule> KeyMapRules { get; init; } = [];

    /// <summary>Pair tensors by name (default) or by position (<see cref="KeyMatching.Position"/>: same count, equal
    /// shapes in order; the pairs used are in <see cref="LoadResult.Mapping"/>).</summary>
    public KeyMatching MatchBy { get; init; } = KeyMatching.Name;

    /// <summary>Load tensors holding NaN or ±infinity (default false: refused with an
    /// <see cref="InvalidDataException"/> naming the first such tensor, since such weights come from a corrupt file or a
    /// diverged training).</summary>
    public bool AllowNonFinite { get; init; }

    /// <summary>Model keys, or module prefixes such as <c>"fc"</c> (matching <c>fc.weight</c>, <c>fc.bias</c>), to
    /// leave untouched: neither loaded, nor missing, nor unexpected.</summary>
    public IReadOnlyList<string> IgnoreKeys { get; init; } = [];

    /// <summary>Skip (and report) tensors whose shape differs from the model's instead of throwing.</summary>
    public bool SkipMismatchedShapes { get; init; }

    internal bool IsIgnored(string key) =>
        IgnoreKeys.Any(p => key == p || key.StartsWith(p.EndsWith('.') ? p : p + ".", StringComparison.Ordinal));
}
