namespace ModelZoo.Bench.Models;

/// <summary>A row's measurements: images per second of each interleaved round on each side (median of that round's
/// iterations), and the forward multiply-accumulates of one image.</summary>
internal sealed record RowResult(BenchRow Row, long Macs, IReadOnlyList<double> Ours, IReadOnlyList<double> PyTorch, string? PyTorchNote)
{
    public double OursImgPerSec => Timing.Median(Ours);
    public double PyTorchImgPerSec => PyTorch.Count > 0 ? Timing.Median(PyTorch) : double.NaN;
    public double Ratio => OursImgPerSec / PyTorchImgPerSec;

    /// <summary>The part of <see cref="Macs"/> in fully connected (Linear) layers: what PyTorch runs through its BLAS.</summary>
    public long LinearMacs { get; init; }

    /// <summary>2 × MACs × images/s; a training step counts 3 forward passes (forward, and backward for inputs and weights).</summary>
    public double OursGflops => 2.0 * Macs * (Row.IsTraining ? 3 : 1) * OursImgPerSec / 1e9;
}
