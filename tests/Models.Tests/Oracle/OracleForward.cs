using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Oracle;

/// <summary>The numeric-equivalence check every forward oracle test runs.</summary>
internal static class OracleForward
{
    /// <summary>Fills <paramref name="model"/> with the fixture's formula weights (<see cref="DeterministicFill"/>), runs
    /// the fixture's input in eval mode and asserts the logits are within <paramref name="tolerance"/> of torchvision's,
    /// and that the fixture's two inputs give clearly different logits (so a constant output cannot pass).</summary>
    public static void AssertEvalLogitsMatch(nn.Module<Tensor, Tensor> model, string fixtureName, ITestOutputHelper output, double tolerance = 1e-4)
    {
        ForwardFixture fixture = OracleFixtures.Forward(fixtureName);
        DeterministicFill.Fill(model, fixture.WeightGain);
        model.eval();
        using var noGrad = torch.no_grad();
        using Tensor input = DeterministicFill.Input(fixture.InputShape);
        using Tensor logits = model.call(input);
        float[][] expected = fixture.Outputs["logits"];
        double maxDiff = OracleFixtures.MaxAbsDiff(logits, expected);
        double rowDiff = expected[0].Zip(expected[1], (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{fixtureName} {string.Join("x", fixture.InputShape)}: max |ours - torchvision| = {maxDiff:G3}; rows differ by {rowDiff:G3}");
        Assert.True(rowDiff > 0.01, $"{fixtureName}: the fixture's two inputs should give clearly different logits");
        Assert.True(maxDiff <= tolerance, $"{fixtureName}: max |ours - torchvision| = {maxDiff:G3}");
    }
}
