using ModelZoo.Models.Tests.Oracle;
using Xunit.Abstractions;

namespace ModelZoo.Models.Tests.ResNets;

/// <summary>Numeric equivalence with torchvision 0.14 in eval mode: identical weights (every state_dict entry filled by
/// <see cref="DeterministicFill"/>), identical input, logits within 1e-4 of the committed torchvision outputs.
/// Wide ResNets and the 101/152-layer depths reuse these blocks; their widths and depths are checked by the key lists.</summary>
public sealed class ResNetForwardTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("resnet18", 1000)]          // BasicBlock
    [InlineData("resnet50", 1000)]          // Bottleneck, stride on the 3x3
    [InlineData("resnext50_32x4d", 1000)]   // grouped 3x3
    public void Eval_logits_match_torchvision(string name, int numClasses)
    {
        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = numClasses });
        OracleForward.AssertEvalLogitsMatch(model, name, output);
    }
}
