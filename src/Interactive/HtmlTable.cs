using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace ModelZoo.Interactive;

/// <summary>
/// A table of already-formatted cells: shown as an HTML table in a notebook and as aligned text in a console.
/// Numbers are formatted invariantly (integers with thousands separators, other numbers with 4 significant digits).
/// </summary>
public sealed class HtmlTable
{
    /// <summary>A table with <paramref name="headers"/> and rows of cells (each row as long as the headers).</summary>
    public HtmlTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        Headers = headers.ToArray();
        Rows = rows.Select((r, i) => r.Count == Headers.Count ? r.Select(Cell).ToArray()
            : throw new ArgumentException($"Row {i} has {r.Count} cells; expected {Headers.Count} (one per header).", nameof(rows))).ToArray();
        Caption = caption;
    }

    /// <summary>Column titles.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Formatted cells, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Text above the table.</summary>
    public string? Caption { get; }

    /// <summary>One row per item of <paramref name="items"/>, one column per (header, cell) pair.</summary>
    public static HtmlTable From<T>(IEnumerable<T> items, params (string Header, Func<T, object?> Cell)[] columns) =>
        new(columns.Select(c => c.Header).ToArray(), items.Select(item => (IReadOnlyList<object?>)columns.Select(c => c.Cell(item)).ToArray()));

    /// <summary>One row per item and one column per public property of the items' type (records, anonymous types).</summary>
    public static HtmlTable FromObjects(IEnumerable items, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        object?[] list = items.Cast<object?>().ToArray();
        Type? type = list.FirstOrDefault(o => o is not null)?.GetType();
        PropertyInfo[] props = type is null || IsScalar(type) ? Array.Empty<PropertyInfo>()
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        if (props.Length == 0)
            return new HtmlTable(new[] { "value" }, list.Select(o => (IReadOnlyList<object?>)new[] { o }), caption);
        return new HtmlTable(props.Select(p => p.Name).ToArray(),
            list.Select(o => (IReadOnlyList<object?>)props.Select(p => o is null ? null : p.GetValue(o)).ToArray()), caption);
    }

    /// <summary>The table as HTML (<c>&lt;table&gt;</c> with a header row; numbers right-aligned).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        if (Caption is not null) html.Append("<p><b>").Append(Html.Encode(Caption)).Append("</b></p>");
        html.Append("<table><thead><tr>");
        foreach (string h in Headers) html.Append("<th>").Append(Html.Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (IReadOnlyList<string> row in Rows)
        {
            html.Append("<tr>");
            foreach (string cell in row)
                html.Append(IsNumber(cell) ? "<td style=\"text-align:right\">" : "<td>").Append(Html.Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as aligned plain text (columns of numbers right-aligned).</summary>
    public string ToText()
    {
        int[] widths = Headers.Select((h, c) => Rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        bool[] numeric = Headers.Select((_, c) => Rows.Count > 0 && Rows.All(r => r[c].Length == 0 || IsNumber(r[c]))).ToArray();
        var text = new StringBuilder();
        if (Caption is not null) text.AppendLine(Caption);
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((s, c) => numeric[c] ? s.PadLeft(widths[c]) : s.PadRight(widths[c]))).TrimEnd());
        Line(Headers);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (IReadOnlyList<string> row in Rows) Line(row);
        return text.ToString().TrimEnd('\n', '\r');
    }

    /// <inheritdoc />
    public override string ToString() => ToText();

    internal static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        int or long or short or byte or uint or ulong => ((IFormattable)value).ToString("N0", CultureInfo.InvariantCulture),
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        long[] shape => "[" + string.Join(", ", shape) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumber(string cell) =>
        cell.Length > 0 && double.TryParse(cell.Replace(",", "").TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsScalar(Type type) => type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum;
}
