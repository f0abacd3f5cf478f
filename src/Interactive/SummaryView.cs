using System.Globalization;
using System.Text;
using ModelZoo.Models.Summary;

namespace ModelZoo.Interactive;

/// <summary>HTML for a <see cref="ModelSummaryResult"/>: totals first, then the per-layer table in a collapsible block.</summary>
public static class SummaryView
{
    /// <summary>The layer rows as a table (path, type, output shape, parameters, MACs).</summary>
    public static HtmlTable Layers(ModelSummaryResult summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return HtmlTable.From(summary.Layers.Where(l => l.Executed || l.Params > 0),
            ("layer", l => l.Name), ("type", l => l.Type), ("output shape", l => l.Executed ? l.OutputShape : "(not run)"),
            ("params", l => l.Params), ("MACs", l => l.Macs));
    }

    /// <summary>One line of totals: parameters, MACs and activation memory for the input shape.</summary>
    public static string Totals(ModelSummaryResult summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Create(CultureInfo.InvariantCulture,
            $"{summary.Model} on [{string.Join(", ", summary.InputShape)}]: {summary.Params:N0} parameters ({summary.TrainableParams:N0} trainable), " +
            $"{summary.Macs:N0} MACs ({summary.Macs / 1e9:0.###} G), activations {summary.ActivationBytes / 1048576.0:0.#} MiB");
    }

    /// <summary>Totals and the collapsible layer table as HTML.</summary>
    public static string ToHtml(ModelSummaryResult summary)
    {
        var html = new StringBuilder();
        html.Append("<div><p><b>").Append(Html.Encode(Totals(summary))).Append("</b></p>");
        html.Append("<details><summary>").Append(summary.Layers.Count).Append(" layers</summary>");
        html.Append(Layers(summary).ToHtml()).Append("</details></div>");
        return html.ToString();
    }
}
