using System.Numerics;
using ModelZoo.Core.Pickle;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.PyTorch;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Files written by real PyTorch 1.13 (tests/fixtures/weights/make_pth_fixtures.py) read back with the
/// dtypes, shapes and values PyTorch recorded in expected.json.</summary>
public sealed class PyTorchCheckpointTests
{
    [Theory]
    [InlineData("dtypes.pth", CheckpointFormat.Zip)]
    [InlineData("dtypes_legacy.pt", CheckpointFormat.Legacy)]
    [InlineData("shared.pth", CheckpointFormat.Zip)]
    [InlineData("shared_legacy.pt", CheckpointFormat.Legacy)]
    [InlineData("my_model-v2.pth", CheckpointFormat.Zip)]
    [InlineData("bigendian.pth", CheckpointFormat.Zip)]
    [InlineData("resnet18_keys.pth", CheckpointFormat.Zip)]
    public void Every_tensor_has_pytorchs_dtype_shape_and_values(string file, CheckpointFormat format)
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(ExpectedTensors.Fixture(file));
        Assert.Equal(format, checkpoint.Format);
        IReadOnlyDictionary<string, Tensor> state = checkpoint.StateDict();
        Assert.Equal(ExpectedTensors.Names(file).OrderBy(n => n, StringComparer.Ordinal), state.Keys.OrderBy(n => n, StringComparer.Ordinal));
        foreach ((string name, Tensor tensor) in state) ExpectedTensors.AssertMatches(file, name, tensor);
    }

    [Theory]
    [InlineData("shared.pth")]
    [InlineData("shared_legacy.pt")]
    public void Views_of_one_storage_share_memory_as_in_pytorch(string file)
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(ExpectedTensors.Fixture(file));
        IReadOnlyDictionary<string, Tensor> state = checkpoint.StateDict();
        Assert.Equal(new long[] { 1, 6 }, state["transposed"].stride());
        Assert.False(state["every_other"].is_contiguous());
        // base[1, 3] is row[3], transposed[3, 1] and block[0, 1]: writing through one view shows in the others.
        state["base"][1, 3] = torch.tensor(-100f);
        Assert.Equal(-100f, state["row"][3].item<float>());
        Assert.Equal(-100f, state["transposed"][3, 1].item<float>());
        Assert.Equal(-100f, state["block"][0, 1].item<float>());
    }

    [Theory]
    [InlineData("nested.pth")]
    [InlineData("nested_legacy.pt")]
    [InlineData("nested_p1.pth")]
    [InlineData("nested_p1_legacy.pt")]
    [InlineData("nested_p4.pth")]
    [InlineData("nested_p4_legacy.pt")]
    [InlineData("nested_p5.pth")]
    [InlineData("nested_p5_legacy.pt")]
    public void A_nested_checkpoint_exposes_its_tree_and_its_state_dict(string file)
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(ExpectedTensors.Fixture(file));
        var root = Assert.IsType<PickleDict>(checkpoint.Root);
        Assert.Equal(7L, root["epoch"]);
        Assert.Equal(0.875, root["best_acc"]);
        Assert.Equal("tiny", root["arch"]);
        Assert.Equal(new object?[] { true, false, null }, Assert.IsType<List<object?>>(root["flags"]));
        Assert.Equal(new object?[] { 1L, 2.5 }, Assert.IsType<object?[]>(root["pair"]));
        Assert.Equal(BigInteger.Pow(2, 70), root["big"]);
        Assert.Equal(-5L, root["negative"]);
        Assert.Equal(new object?[] { 2L, 3L }, Assert.IsType<object?[]>(root["size"]));
        Assert.Equal("cpu", root["device"]);
        Assert.Equal(new byte[] { 0, 1, 255 }, root["blob"]);
        var param = Assert.IsType<Tensor>(root["param"]);
        Assert.True(param.requires_grad);
        Assert.Equal(new[] { 1f, 2f }, param.data<float>().ToArray());
        var optimizer = Assert.IsType<PickleDict>(root["optimizer"]);
        var state0 = Assert.IsType<PickleDict>(Assert.IsType<PickleDict>(optimizer["state"])[0L]);
        Assert.Equal(3L, state0["step"]);

        IReadOnlyDictionary<string, Tensor> state = checkpoint.StateDict();
        Assert.Equal(new[] { "conv.weight", "conv.bias", "bn.running_mean", "bn.num_batches_tracked" }, state.Keys);
        foreach ((string name, Tensor tensor) in state) ExpectedTensors.AssertMatches(file, name, tensor);
        Assert.Same(state["conv.weight"], checkpoint.StateDict("state_dict")["conv.weight"]);
    }

    [Fact]
    public void A_long_torchvision_state_dict_keeps_its_metadata()
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(ExpectedTensors.Fixture("resnet18_keys.pth"));
        var root = Assert.IsType<PickleDict>(checkpoint.Root);
        Assert.Equal(122, root.Count);
        var metadata = Assert.IsType<PickleDict>(root.Attributes["_metadata"]);
        Assert.Equal(2L, Assert.IsType<PickleDict>(metadata["layer3.0.bn2"])["version"]);
    }

    [Fact]
    public void Memo_indices_are_not_lengths()
    {
        // LONG_BINPUT 1000000 / LONG_BINGET 1000000 in a pickle of a few bytes.
        byte[] pickle = new PickleBuilder().Proto().Str("x").Op((byte)'r', 0x40, 0x42, 0x0f, 0x00).Op((byte)'0')
            .Op((byte)'j', 0x40, 0x42, 0x0f, 0x00).Stop().ToArray();
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(new MemoryStream(PickleBuilder.Zip(pickle)), "memo.pth");
        Assert.Equal("x", checkpoint.Root);
    }

    [Fact]
    public void Asking_for_a_key_that_is_not_a_tensor_dict_lists_the_top_level_keys()
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(ExpectedTensors.Fixture("nested.pth"));
        var ex = Assert.Throws<KeyNotFoundException>(() => checkpoint.StateDict("optimizer"));
        Assert.Contains("'epoch' (number 7)", ex.Message);
        Assert.Contains("'state_dict' (dict of 4 tensors)", ex.Message);
        var missing = Assert.Throws<KeyNotFoundException>(() => checkpoint.StateDict("model"));
        Assert.Contains("no top-level key 'model'", missing.Message);
    }

    [Fact]
    public void LoadStateDict_keeps_only_the_state_dict_alive()
    {
        using TensorDict state = PyTorchCheckpoint.LoadStateDict(ExpectedTensors.Fixture("nested_legacy.pt"));
        Assert.Equal(4, state.Count);
        ExpectedTensors.AssertMatches("nested_legacy.pt", "conv.weight", state["conv.weight"]);
    }

    [Fact]
    public void A_torchscript_archive_is_refused_with_a_clear_message()
    {
        var ex = Assert.Throws<InvalidDataException>(() => PyTorchCheckpoint.Load(ExpectedTensors.Fixture("torchscript.pt")));
        Assert.Contains("TorchScript", ex.Message);
    }
}
