using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace ModelZoo.NotebookRunner;

/// <summary>
/// Turns the kernel events of one cell into the outputs stored in the .ipynb: standard output and error as streams,
/// displayed values as display data (a value updated in place, like a package-install progress line, keeps its last
/// state), the cell's return value as an execution result. Values with an <c>image/png</c> formatter are stored as
/// Jupyter images; HTML that only wraps plain text is stored as text; the kernel's repeated CSS is left out.
/// </summary>
public static partial class CellOutputs
{
    /// <summary>The outputs for <paramref name="events"/>, in order; <paramref name="executionOrder"/> numbers the result.</summary>
    public static List<InteractiveDocumentOutputElement> From(IEnumerable<KernelEvent> events, int executionOrder)
    {
        var outputs = new List<InteractiveDocumentOutputElement>();
        var displayed = new Dictionary<string, int>();
        foreach (KernelEvent e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o: AppendStream(outputs, "stdout", Text(o)); break;
                case StandardErrorValueProduced o: AppendStream(outputs, "stderr", Text(o)); break;
                case ReturnValueProduced r:
                    var result = new ReturnValueElement { ExecutionOrder = executionOrder };
                    foreach (var kv in Bundle(r)) result.Data[kv.Key] = kv.Value;
                    outputs.Add(result);
                    break;
                case DisplayedValueUpdated u when u.ValueId is not null && displayed.TryGetValue(u.ValueId, out int index):
                    outputs[index] = new DisplayElement(Bundle(u));
                    break;
                case DisplayEvent d when d is DisplayedValueProduced or DisplayedValueUpdated:
                    if (d.ValueId is not null) displayed[d.ValueId] = outputs.Count;
                    outputs.Add(new DisplayElement(Bundle(d)));
                    break;
            }
        }
        return outputs;
    }

    /// <summary>The MIME bundle stored for one displayed value.</summary>
    public static Dictionary<string, object> Bundle(DisplayEvent e)
    {
        object? value = e.Value;
        var data = new Dictionary<string, object>();
        if (value is not null && HasFormatter(value.GetType(), "image/png"))
        {
            data["image/png"] = Formatter.ToDisplayString(value, "image/png");
            data["text/plain"] = Formatter.ToDisplayString(value, PlainTextFormatter.MimeType);
            return data;
        }
        foreach (FormattedValue f in e.FormattedValues)
            data[f.MimeType] = f.MimeType == HtmlFormatter.MimeType ? StyleBlock().Replace(f.Value, "") : f.Value;
        if (value is not null && !data.ContainsKey(PlainTextFormatter.MimeType))
            data[PlainTextFormatter.MimeType] = Formatter.ToDisplayString(value, PlainTextFormatter.MimeType);
        if (data.TryGetValue(HtmlFormatter.MimeType, out object? html) && data.ContainsKey(PlainTextFormatter.MimeType)
            && ((string)html).TrimStart().StartsWith("<div class=\"dni-plaintext\">", StringComparison.Ordinal))
            data.Remove(HtmlFormatter.MimeType);
        return data;
    }

    private static bool HasFormatter(Type type, string mimeType) =>
        Formatter.RegisteredFormatters().Any(f => f.MimeType == mimeType && f.Type.IsAssignableFrom(type));

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(f => f.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";

    private static void AppendStream(List<InteractiveDocumentOutputElement> outputs, string name, string text)
    {
        if (outputs.Count > 0 && outputs[^1] is TextElement last && last.Name == name)
            outputs[^1] = new TextElement(last.Text + text, name);
        else
            outputs.Add(new TextElement(text, name));
    }

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
