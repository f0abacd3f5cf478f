namespace ModelZoo.Bench.Models;

/// <summary>One measured configuration. Variants: <c>nchw</c> (plain model, NCHW float32), <c>channels-last</c> (weights and
/// inputs NHWC, no folding), <c>fast</c> (our inference fast path: batch norms folded, layout auto, float32; PyTorch eager
/// has no folding, so its side runs channels-last) and <c>bf16</c> (ours: folded, channels-last, bfloat16; PyTorch:
/// channels-last bfloat16). Training rows are nchw and channels-last.</summary>
internal sealed record BenchRow(string Model, string Task, int Batch, string Variant)
{
    public bool IsTraining => Task == "train";

    /// <summary>The PyTorch configuration compared with this row: layout and dtype.</summary>
    public (string Layout, string DType) TorchConfig => Variant switch
    {
        "nchw" => ("nchw", "fp32"),
        "bf16" => ("channels_last", "bf16"),
        _ => ("channels_last", "fp32"),
    };

    public string Label => $"{Model} {(IsTraining ? "train" : "infer")} b{Batch} {Variant}";
}
