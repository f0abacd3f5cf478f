using System.Diagnostics;
using ModelZoo.Models.Summary;
using Xunit.Abstractions;

namespace ModelZoo.Models.Tests.Summary;

/// <summary>Multiply-accumulates at 3×224×224 against torchvision's published GFLOPS (which count MACs of
/// convolutions and linear layers), within 1%. One forward at 224×224 per model. The VGG figures are checked
/// in <c>VggLayoutTests</c>, which builds each VGG once.</summary>
public sealed class SummaryMacsTests
{
    private readonly ITestOutputHelper _output;

    public SummaryMacsTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("alexnet", 0.714)]
    [InlineData("resnet18", 1.814)]
    [InlineData("resnet34", 3.664)]
    [InlineData("resnet50", 4.089)]
    [InlineData("resnet101", 7.801)]
    [InlineData("resnet152", 11.514)]
    [InlineData("googlenet", 1.498)]
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
        // Every layer runs in eval mode except GoogLeNet's auxiliary heads (listed for their parameters).
        Assert.All(s.Layers.Where(l => !l.Executed), l => Assert.StartsWith("aux", l.Name));
    }

    [Fact]
    public void GoogLeNet_training_summary_runs_the_auxiliary_heads()
    {
        using ImageClassifier model = Zoo.Create("googlenet", new ModelOptions { NumClasses = 10 });
        ModelSummaryResult eval = ModelSummary.Compute(model, new long[] { 2, 3, 96, 96 }, modelName: "googlenet");
        ModelSummaryResult train = ModelSummary.Compute(model, new long[] { 2, 3, 96, 96 }, training: true, modelName: "googlenet");
        Assert.Equal(13_004_888 - 3 * 990 * 1025, eval.Params);   // fc, aux1.fc2 and aux2.fc2 cut from 1000 to 10 classes
        Assert.Contains(eval.Layers, l => l.Name.StartsWith("aux1.", StringComparison.Ordinal) && !l.Executed);
        Assert.All(train.Layers.Where(l => l.Name.StartsWith("aux", StringComparison.Ordinal)), l => Assert.True(l.Executed, l.Name));
        Assert.Equal(new long[] { 2, 10 }, train.Layers.Single(l => l.Name == "aux2.fc2").OutputShape);
        Assert.True(train.Macs > eval.Macs);
        Assert.Equal(eval.Params, train.Params);
        Assert.True(model.training, "a fresh model is in training mode, and the summaries restore it");
    }
}
