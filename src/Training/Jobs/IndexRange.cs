using System.Globalization;

namespace ModelZoo.Training.Jobs;

/// <summary>A half-open item range "start:end" of a dataset split.</summary>
public readonly record struct IndexRange(int Start, int End)
{
    public int Count => End - Start;

    /// <summary>Parses "a:b" (0 ≤ a &lt; b).</summary>
    public static IndexRange Parse(string text)
    {
        string[] parts = (text ?? "").Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int end)
            && start < end)
            return new IndexRange(start, end);
        throw new FormatException($"Invalid range '{text}': expected START:END with 0 <= START < END, e.g. 0:8000.");
    }

    public override string ToString() => $"{Start}:{End}";
}
