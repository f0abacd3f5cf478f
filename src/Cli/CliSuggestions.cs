using ModelZoo.Core;

namespace ModelZoo.Cli;

/// <summary>Parse errors a person can act on: an unknown verb is named with the closest verb (or the list of verbs), and
/// an unknown option with the closest option of that verb.</summary>
internal static class CliSuggestions
{
    /// <summary>The error line for <paramref name="parse"/>, or null to use System.CommandLine's own first error.</summary>
    public static string? Describe(ParseResult parse, RootCommand root)
    {
        if (parse.UnmatchedTokens.Count == 0) return null;
        string token = parse.UnmatchedTokens[0];
        Command command = parse.CommandResult.Command;
        if (!token.StartsWith('-'))
        {
            if (command != root) return null;
            string[] verbs = root.Subcommands.Select(c => c.Name).ToArray();
            string? verb = Closest(token, verbs);
            return $"unknown command '{token}'; " + (verb is null ? $"the commands are {string.Join(", ", verbs)}" : $"did you mean '{verb}'?");
        }
        string name = token.Split('=', 2)[0];
        string[] options = command.Options.Concat(Ancestors(parse)).SelectMany(o => o.Aliases.Append(o.Name)).Distinct().ToArray();
        string? option = Closest(name, options.Where(o => o.StartsWith("--", StringComparison.Ordinal) == name.StartsWith("--", StringComparison.Ordinal)));
        string where = command == root ? "modelzoo" : $"modelzoo {command.Name}";
        return $"unknown option '{name}' for '{where}'" + (option is null ? "" : $"; did you mean '{option}'?");
    }

    private static IEnumerable<Option> Ancestors(ParseResult parse) =>
        parse.RootCommandResult.Command.Options.Where(o => o.Recursive);

    /// <summary>The candidate nearest to <paramref name="text"/> within an edit distance of 2 (or of which it is a prefix).</summary>
    internal static string? Closest(string text, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = c.StartsWith(text, StringComparison.OrdinalIgnoreCase) && text.Length >= 3 ? 1 : EditDistance.Levenshtein(text.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return bestDistance <= 2 ? best : null;
    }
}
