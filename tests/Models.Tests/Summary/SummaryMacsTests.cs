using System.Diagnostics;
using ModelZoo.Models.Summary;
using TorchSharp;
using Xunit.Abstractions;

namespace ModelZoo.Models.Tests.Summary;

/// <summary>Multiply-accumulates at 3×224×224 against torchvision's published GFLOPS (which count MACs of
/// convolutions and linear layers), within 1%. One forward at 224×224 per model. The VGG figures are checked
/// in <c>VggLayoutTests</c>, which builds each VGG once; add other families' rows here.</summary>
public sealed class SummaryMacsTests
{
    private readonly ITestOutputHelper _output;

    public SummaryMacsTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("alexnet", 0.714)]
    public void Macs_match_torchvisions_published_gflops(string name, double gflops)
    {
        var watch = Stopwatch.StartNew();
        using ImageClassifier model = Zoo.Create(name);
        TimeSpan build = watch.Elapsed;
        ModelSummaryResult s = ModelSummary.Compute(model, new long[] { 3, 224, 224 }, modelName: name);
        _output.WriteLine($"{name}: {s.Macs:N0} MACs ({s.Macs / 1e9:0.####} G vs {gflops}), {s.Params:N0} params, " +
            $"activations {s.ActivationBytes / 1048576.0:0.0} MiB; build {build.TotalSeconds:0.0} s, summary {(watch.Elapsed - build).TotalSeconds:0.0} s");
        Assert.InRange(s.Macs / 1e9, gflops * 0.99, gflops * 1.01);
        Assert.Equal(s.Params, s.Layers.Sum(l => l.Params));
        Assert.All(s.Layers, l => Assert.True(l.Executed, l.Name));
    }
}
