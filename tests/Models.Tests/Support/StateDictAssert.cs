using ModelZoo.Models.Summary;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Support;

// Merge fix: ModelZoo.Models.ModuleTree (arch-resnet) hides the Summary one inside ModelZoo.Models.* namespaces.
using ModuleTree = ModelZoo.Models.Summary.ModuleTree;

internal static class StateDictAssert
{
    /// <summary>Keys, shapes and order (PyTorch's depth-first order) equal torchvision's; TorchSharp's own
    /// state_dict holds exactly the same entries (it lists parameters before buffers, so only the set is compared).</summary>
    public static void MatchesTorchvision(nn.Module model, TorchvisionKeyList expected)
    {
        var ours = ModuleTree.StateDictEntries(model).Select(e => (e.Key, Shape: e.Value.shape)).ToList();
        Assert.Equal(expected.Keys, ours.Select(e => e.Key));
        for (int i = 0; i < ours.Count; i++)
            Assert.True(expected.Entries[i].Shape.SequenceEqual(ours[i].Shape),
                $"{ours[i].Key}: shape [{string.Join(", ", ours[i].Shape)}], torchvision [{string.Join(", ", expected.Entries[i].Shape)}]");
        Dictionary<string, Tensor> state = model.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
    }

    public static long ParameterCount(nn.Module model) => model.parameters().Sum(p => p.numel());
}
