namespace ModelZoo.Core;

/// <summary>Levenshtein edit distance and the "close enough to suggest" cut-off shared by every "did you mean" message
/// (model names, module paths, CLI verbs and options).</summary>
internal static class EditDistance
{
    /// <summary>The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/> (ordinal, case-sensitive:
    /// callers lower-case both sides when case should not count).</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
                row[j] = Math.Min(Math.Min(row[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, row) = (row, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The largest distance at which a name is suggested for a typed text of <paramref name="length"/>
    /// characters: a third of its length, at least 2.</summary>
    public static int Tolerance(int length) => Math.Max(2, length / 3);
}
