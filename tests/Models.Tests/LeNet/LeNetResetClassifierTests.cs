using ModelZoo.Models.LeNet;
using ModelZoo.Models.Summary;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.LeNet;

// Merge fix: ModelZoo.Models.ModuleTree (arch-resnet) hides the Summary one inside ModelZoo.Models.* namespaces.
using ModuleTree = ModelZoo.Models.Summary.ModuleTree;

/// <summary>ResetClassifier swaps the head in place (TorchSharp's register_module refuses a name that is taken).</summary>
public sealed class LeNetResetClassifierTests
{
    [Fact]
    public void LeNet5_reset_keeps_keys_in_order_and_changes_the_head()
    {
        using var model = new LeNet5();
        var keys = ModuleTree.StateDictEntries(model).Select(e => e.Key).ToList();
        model.ResetClassifier(3);
        Assert.Equal(3, model.NumClasses);
        Assert.Equal(keys, ModuleTree.StateDictEntries(model).Select(e => e.Key));
        Assert.Equal(new long[] { 3, 84 }, model.state_dict()["fc3.weight"].shape);
        using Tensor y = model.call(torch.zeros(2, 1, 32, 32));
        Assert.Equal(new long[] { 2, 3 }, y.shape);
    }

    [Fact]
    public void LeNet5Classic_reset_keeps_keys_in_order_and_changes_the_head()
    {
        using var model = new LeNet5Classic();
        var keys = ModuleTree.StateDictEntries(model).Select(e => e.Key).ToList();
        model.ResetClassifier(4);
        Assert.Equal(4, model.NumClasses);
        Assert.Equal(keys, ModuleTree.StateDictEntries(model).Select(e => e.Key));
        Assert.Equal(4, Assert.IsType<Linear>(model.GetClassifier()).out_features);
    }
}
