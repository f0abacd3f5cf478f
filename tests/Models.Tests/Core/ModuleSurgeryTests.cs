using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Core;

public sealed class ModuleSurgeryTests
{
    [Fact]
    public void Replacing_a_sequential_child_keeps_order_and_changes_the_forward()
    {
        using var seq = nn.Sequential(("0", nn.Linear(4, 3)), ("1", nn.ReLU()), ("2", nn.Linear(3, 2)));
        var replacement = nn.Linear(3, 5);
        ModuleSurgery.Replace(seq, "2", replacement).Dispose();
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, seq.state_dict().Keys.ToArray());
        Assert.Equal(new long[] { 5, 3 }, seq.state_dict()["2.weight"].shape);
        using Tensor y = seq.call(torch.ones(1, 4));
        Assert.Equal(new long[] { 1, 5 }, y.shape);
    }

    [Fact]
    public void Nested_paths_resolve_and_unknown_names_list_the_children()
    {
        using var outer = nn.Sequential(("features", nn.Sequential(("0", nn.Linear(2, 2)))), ("head", nn.Linear(2, 1)));
        ModuleSurgery.Replace(outer, "features.0", nn.Linear(2, 2)).Dispose();
        var ex = Assert.Throws<KeyNotFoundException>(() => ModuleSurgery.Replace(outer, "features.7", nn.Linear(2, 2)));
        Assert.Contains("children are: 0", ex.Message);
    }
}
