namespace ModelZoo.Data.Datasets.Manifest;

/// <summary>Splits CSV/TSV lines: fields separated by one character, optionally in double quotes ("" inside quotes is
/// a quote), surrounding whitespace trimmed. Blank lines and lines starting with '#' are skipped.</summary>
internal static class ManifestParser
{
    public static List<(int Line, string[] Fields)> Read(string path, char? delimiter)
    {
        string[] lines = File.ReadAllLines(path);
        char sep = delimiter ?? Detect(path, lines);
        var rows = new List<(int, string[])>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (i == 0 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            rows.Add((i + 1, Split(line, sep, path, i + 1)));
        }
        return rows;
    }

    private static char Detect(string path, string[] lines)
    {
        if (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)) return '\t';
        string? first = lines.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#'));
        return first is not null && first.Contains('\t') ? '\t' : ',';
    }

    private static string[] Split(string line, char sep, string path, int lineNumber)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"' && current.ToString().Trim().Length == 0) { quoted = true; wasQuoted = true; current.Clear(); }
            else if (c == sep) { fields.Add(Finish(current, wasQuoted)); current.Clear(); wasQuoted = false; }
            else current.Append(c);
        }
        if (quoted) throw new InvalidDataException($"Manifest {path}, line {lineNumber}: unterminated quoted field.");
        fields.Add(Finish(current, wasQuoted));
        return fields.ToArray();
    }

    private static string Finish(System.Text.StringBuilder field, bool quoted) => quoted ? field.ToString() : field.ToString().Trim();
}
