using System.Globalization;
using System.Text;

namespace ModelZoo.Models.Summary;

/// <summary>Renders a <see cref="ModelSummaryResult"/> as a Keras-like fixed-width table.</summary>
internal static class SummaryTable
{
    private static readonly string[] Headers = { "Layer (path)", "Type", "Output shape", "Params", "MACs" };

    public static string Render(ModelSummaryResult result)
    {
        var rows = result.Layers.Select(l => new[]
        {
            l.Name,
            l.Type,
            l.Executed ? ModelSummary.ShapeText(l.OutputShape) : "(not run)",
            Count(l.Params),
            Count(l.Macs),
        }).ToList();
        int[] widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        int total = widths.Sum() + 2 * (widths.Length - 1);

        var sb = new StringBuilder();
        sb.Append("Model: ").Append(result.Model).Append("   input ").Append(ModelSummary.ShapeText(result.InputShape))
          .Append(result.Training ? "   (training mode)" : "").AppendLine();
        sb.AppendLine(new string('=', total));
        AppendRow(sb, Headers, widths);
        sb.AppendLine(new string('-', total));
        foreach (string[] row in rows) AppendRow(sb, row, widths);
        sb.AppendLine(new string('=', total));
        sb.Append("Total params: ").AppendLine(Count(result.Params));
        sb.Append("Trainable params: ").AppendLine(Count(result.TrainableParams));
        sb.Append("Non-trainable params: ").AppendLine(Count(result.NonTrainableParams));
        sb.Append("Buffers: ").Append(Count(result.BufferCount)).Append(" values in ").Append(Count(result.BufferTensors))
          .Append(" tensor(s) (").Append(Bytes(result.BufferBytes)).AppendLine(")");
        sb.Append("MACs: ").Append(Count(result.Macs)).Append(" (").Append(Scaled(result.Macs)).AppendLine(")");
        sb.Append("Parameter memory: ").AppendLine(Bytes(result.ParamBytes));
        sb.Append("Activation memory (forward, estimated): ").AppendLine(Bytes(result.ActivationBytes));
        sb.AppendLine(new string('=', total));
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) sb.Append("  ");
            bool numeric = i >= 3;
            sb.Append(numeric ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        sb.AppendLine();
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Scaled(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " G",
        >= 1_000_000 => (value / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " M",
        >= 1_000 => (value / 1e3).ToString("0.###", CultureInfo.InvariantCulture) + " K",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.00", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.00", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
