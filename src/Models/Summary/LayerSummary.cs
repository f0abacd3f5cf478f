namespace ModelZoo.Models.Summary;

/// <summary>One row of a <see cref="ModelSummaryResult"/>: a layer call (a module called twice gives two rows;
/// its parameters count on the first).</summary>
/// <param name="Name">Module path, e.g. "features.0".</param>
/// <param name="Type">Module type name, e.g. "Conv2d".</param>
/// <param name="OutputShape">Output shape of the call; empty when the layer did not run (see <paramref name="Executed"/>) (e.g. GoogLeNet's
/// auxiliary heads in eval mode).</param>
/// <param name="Params">Parameters owned directly by the module (0 on a repeated call).</param>
/// <param name="TrainableParams">Those of <paramref name="Params"/> that require gradients.</param>
/// <param name="Macs">Multiply-accumulates of the call (see <see cref="MacCounter"/>).</param>
/// <param name="OutputBytes">Bytes of the output tensor.</param>
/// <param name="Executed">False for a layer that did not run; it is listed for its parameters.</param>
public sealed record LayerSummary(
    string Name,
    string Type,
    long[] OutputShape,
    long Params,
    long TrainableParams,
    long Macs,
    long OutputBytes,
    bool Executed = true);
