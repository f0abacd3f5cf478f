using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.PyTorch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Pickles that would run code under plain <c>pickle.load</c> are refused, naming the global, and their
/// payload (creating a marker file) never runs.</summary>
public sealed class MaliciousPickleTests
{
    /// <summary>The marker make_pth_fixtures.py's payloads would create.</summary>
    private const string FixtureMarker = "/tmp/modelzoo-weights-pwned-marker";

    [Theory]
    [InlineData("evil_system.pth", "posix.system")]
    [InlineData("evil_eval_legacy.pt", "builtins.eval")]
    public void Real_pickles_with_a_reduce_payload_are_refused_without_side_effects(string file, string global)
    {
        if (File.Exists(FixtureMarker)) File.Delete(FixtureMarker);
        var ex = Assert.Throws<UnsafeCheckpointException>(() => PyTorchCheckpoint.Load(ExpectedTensors.Fixture(file)));
        Assert.Equal(global, ex.Global);
        Assert.Contains($"'{global}'", ex.Message);
        Assert.Contains(file, ex.Message);
        Assert.False(File.Exists(FixtureMarker));
    }

    public static TheoryData<string, string, bool, bool> Payloads => new()
    {
        // module, name, use STACK_GLOBAL (protocol 4), legacy container
        { "os", "system", false, false },
        { "posix", "system", false, true },
        { "nt", "system", true, false },
        { "builtins", "eval", false, true },
        { "builtins", "exec", true, true },
        { "__builtin__", "eval", true, false },
        { "subprocess", "check_output", false, false },
        { "torch.storage", "_load_from_bytes", false, true },
        { "torch", "load", true, false },
        { "numpy.core.multiarray", "_reconstruct", false, false },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Crafted_reduce_of_a_dangerous_global_is_refused_in_zip_and_legacy_files(string module, string name, bool stackGlobal, bool legacy)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string marker = dir.File("pwned");
        byte[] pickle = new PickleBuilder().Proto(4).EmptyDict()
            .Str("weight").Tensor("FloatStorage", "0", 2, 0, [2], [1]).SetItem()
            .Str("x").Call(module, name, $"touch {marker}", stackGlobal).SetItem()
            .Stop().ToArray();
        byte[] file = legacy
            ? PickleBuilder.Legacy(pickle, ("0", 2, PickleBuilder.Floats(1, 2)))
            : PickleBuilder.Zip(pickle, new Dictionary<string, byte[]> { ["0"] = PickleBuilder.Floats(1, 2) });
        string path = dir.File("evil.pth");
        File.WriteAllBytes(path, file);

        var ex = Assert.Throws<UnsafeCheckpointException>(() => PyTorchCheckpoint.Load(path));
        string expected = (module == "__builtin__" ? "builtins" : module) + "." + name;
        Assert.Equal(expected, ex.Global);
        Assert.Contains($"refused to load: the pickle references the Python global '{expected}'", ex.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_protocol_0_INST_of_a_dangerous_class_is_refused()
    {
        byte[] pickle = new PickleBuilder().Mark().Str("echo hi").Inst("subprocess", "Popen").Stop().ToArray();
        var ex = Assert.Throws<UnsafeCheckpointException>(() => PyTorchCheckpoint.Load(new MemoryStream(PickleBuilder.Zip(pickle)), "inst.pth"));
        Assert.Equal("subprocess.Popen", ex.Global);
    }

    [Fact]
    public void A_dangerous_backward_hook_inside_a_tensor_is_refused()
    {
        // _rebuild_tensor_v2(..., backward_hooks={0: builtins.print}): the hooks dict holds a callable global.
        byte[] pickle = new PickleBuilder().Proto().Global("torch._utils", "_rebuild_tensor_v2").Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(1).Tuple().BinPersId()
            .Int(0).Mark().Int(1).Tuple().Mark().Int(1).Tuple().False()
            .EmptyDict().Int(0).Global("builtins", "print").SetItem()
            .Tuple().Reduce().Stop().ToArray();
        var ex = Assert.Throws<UnsafeCheckpointException>(() =>
            PyTorchCheckpoint.Load(new MemoryStream(PickleBuilder.Zip(pickle, new Dictionary<string, byte[]> { ["0"] = PickleBuilder.Floats(1) })), "hook.pth"));
        Assert.Equal("builtins.print", ex.Global);
    }

    [Fact]
    public void Applying_an_allowed_value_that_is_not_a_function_is_an_error_not_a_call()
    {
        byte[] pickle = new PickleBuilder().Proto().Global("torch", "FloatStorage").Str("x").Tuple1().Reduce().Stop().ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => PyTorchCheckpoint.Load(new MemoryStream(PickleBuilder.Zip(pickle)), "value.pth"));
        Assert.Contains("torch.FloatStorage is a value, not a callable", ex.Message);
    }
}
