using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using ModelZoo.Models.Summary;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Interactive;

/// <summary>
/// Registers the .NET Interactive formatters that make ModelZoo values readable in a notebook:
/// <see cref="PngImage"/> as an image (HTML <c>&lt;img&gt;</c> in the live notebook; <c>image/png</c> is registered
/// too, for tools that store outputs as Jupyter images), <see cref="HtmlTable"/> and
/// <see cref="ModelSummaryResult"/> as HTML tables, and tensors as their shape, dtype and (when small) values.
/// Call once at the top of a notebook; calling again is harmless.
/// </summary>
public static class NotebookFormatters
{
    /// <summary>Tensors with at most this many elements show their values; larger ones show shape, dtype and range.</summary>
    public const int MaxTensorValues = 64;

    private static readonly object Gate = new();
    private static bool registered;

    /// <summary>Registers the formatters (idempotent).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            Formatter.Register<PngImage>((image, writer) => writer.Write(image.ToHtml()), HtmlFormatter.MimeType);
            Formatter.Register<PngImage>((image, writer) => writer.Write(image.ToBase64()), "image/png");
            Formatter.Register<PngImage>((image, writer) => writer.Write(image.ToString()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(PngImage), HtmlFormatter.MimeType);

            Formatter.Register<HtmlTable>((table, writer) => writer.Write(table.ToHtml()), HtmlFormatter.MimeType);
            Formatter.Register<HtmlTable>((table, writer) => writer.Write(table.ToText()), PlainTextFormatter.MimeType);

            Formatter.Register<ModelSummaryResult>((summary, writer) => writer.Write(SummaryView.ToHtml(summary)), HtmlFormatter.MimeType);
            Formatter.Register<ModelSummaryResult>((summary, writer) => writer.Write(summary.ToTable()), PlainTextFormatter.MimeType);

            Formatter.Register<Tensor>((tensor, writer) => writer.Write("<pre>" + Html.Encode(Describe(tensor)) + "</pre>"), HtmlFormatter.MimeType);
            Formatter.Register<Tensor>((tensor, writer) => writer.Write(Describe(tensor)), PlainTextFormatter.MimeType);
            registered = true;
        }
    }

    /// <summary>A tensor's shape, dtype and device, then its values when it has at most
    /// <see cref="MaxTensorValues"/> elements, else its minimum, maximum and mean.</summary>
    public static string Describe(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string head = $"tensor [{string.Join(", ", tensor.shape)}] {tensor.dtype} on {tensor.device}";
        if (tensor.numel() == 0) return head;
        using var scope = torch.NewDisposeScope();
        if (tensor.numel() <= MaxTensorValues)
            return head + "\n" + tensor.detach().cpu().ToString(TorchSharp.TensorStringStyle.Numpy, "g5", 100, CultureInfo.InvariantCulture);
        if (!tensor.is_floating_point()) return head;
        Tensor f = tensor.detach().cpu().to(ScalarType.Float32);
        return string.Create(CultureInfo.InvariantCulture,
            $"{head}: min {f.min().item<float>():g5}, max {f.max().item<float>():g5}, mean {f.mean().item<float>():g5}");
    }
}
