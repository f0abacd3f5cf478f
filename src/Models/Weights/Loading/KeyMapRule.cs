using System.Text.RegularExpressions;

namespace ModelZoo.Models.Weights.Loading;

/// <summary>
/// One renaming rule for checkpoint keys (<see cref="LoadOptions.KeyMapRules"/>; the CLI's <c>--key-map</c>):
/// <c>OLD=NEW</c> replaces the prefix OLD of a key with NEW (<c>feature.0.=conv1.</c> turns <c>feature.0.weight</c> into
/// <c>conv1.weight</c>; NEW may be empty to strip a prefix); <c>re:PATTERN=REPLACEMENT</c> replaces a .NET regular
/// expression that matches the whole key, with <c>$1</c>-style groups (<c>re:classifier\.(\d)\.(.*)=fc$1.$2</c>).
/// The first <c>=</c> separates the two sides.
/// </summary>
public sealed record KeyMapRule
{
    private readonly Regex? _regex;

    private KeyMapRule(string pattern, string replacement, Regex? regex)
    {
        Pattern = pattern;
        Replacement = replacement;
        _regex = regex;
    }

    /// <summary>The prefix, or the regular expression (without <c>re:</c>).</summary>
    public string Pattern { get; }

    public string Replacement { get; }

    public bool IsRegex => _regex is not null;

    /// <summary>A rule replacing the prefix <paramref name="oldPrefix"/> with <paramref name="newPrefix"/>.</summary>
    public static KeyMapRule ForPrefix(string oldPrefix, string newPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(oldPrefix);
        ArgumentNullException.ThrowIfNull(newPrefix);
        return new KeyMapRule(oldPrefix, newPrefix, null);
    }

    /// <summary>A rule replacing keys that <paramref name="pattern"/> matches in full.</summary>
    public static KeyMapRule ForRegex(string pattern, string replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(replacement);
        Regex regex;
        try { regex = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new FormatException($"Key-map rule 're:{pattern}': not a valid regular expression ({e.Message}).", e); }
        return new KeyMapRule(pattern, replacement, regex);
    }

    /// <summary>Parses <c>OLD=NEW</c> or <c>re:PATTERN=REPLACEMENT</c>.</summary>
    public static KeyMapRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool regex = text.StartsWith("re:", StringComparison.Ordinal);
        string body = regex ? text[3..] : text;
        int eq = body.IndexOf('=');
        if (eq <= 0)
            throw new FormatException($"Key-map rule '{text}' is not OLD=NEW (a prefix) or re:PATTERN=REPLACEMENT (a regular expression), e.g. feature.0.=conv1.");
        return regex ? ForRegex(body[..eq], body[(eq + 1)..]) : ForPrefix(body[..eq], body[(eq + 1)..]);
    }

    /// <summary>Parses comma-separated rules (<c>feature.0.=conv1.,feature.3.=conv2.</c>); write a comma inside a
    /// regular expression as <c>\x2C</c>.</summary>
    public static IReadOnlyList<KeyMapRule> ParseList(string text) =>
        (text ?? throw new ArgumentNullException(nameof(text)))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToArray();

    /// <summary>The renamed key, or null when the rule does not apply to <paramref name="key"/>.</summary>
    public string? Apply(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_regex is null) return key.StartsWith(Pattern, StringComparison.Ordinal) ? Replacement + key[Pattern.Length..] : null;
        return _regex.IsMatch(key) ? _regex.Replace(key, Replacement, 1) : null;
    }

    /// <summary><paramref name="key"/> renamed by the first rule that applies (unchanged when none does).</summary>
    public static string ApplyFirst(IReadOnlyList<KeyMapRule> rules, string key)
    {
        foreach (KeyMapRule rule in rules)
            if (rule.Apply(key) is { } renamed) return renamed;
        return key;
    }

    public override string ToString() => (IsRegex ? "re:" : "") + Pattern + "=" + Replacement;
}
