using System.IO.Compression;
using ModelZoo.Core.Pickle;

namespace ModelZoo.Core.Tests.Pickle;

/// <summary>Pickles that would run code under plain <c>pickle.load</c> are refused by the one restricted unpickler
/// for every use, naming the global, and their payload (creating a marker file) never runs.</summary>
public sealed class MaliciousPickleTests
{
    public static TheoryData<string, string, string, bool> Payloads()
    {
        // module, name, use STACK_GLOBAL (protocol 4)
        (string, string, bool)[] payloads =
        [
            ("os", "system", false), ("posix", "system", false), ("nt", "system", true),
            ("builtins", "eval", false), ("builtins", "exec", true), ("__builtin__", "eval", true),
            ("builtins", "getattr", false), ("builtins", "__import__", true), ("subprocess", "check_output", false),
            ("torch.storage", "_load_from_bytes", false), ("torch", "load", true), ("pickle", "loads", false),
            ("numpy", "load", true), ("runpy", "_run_code", false), ("copy_reg", "_reconstructor", false),
        ];
        var data = new TheoryData<string, string, string, bool>();
        foreach (string use in PickleUses.Names)
            foreach ((string module, string name, bool stackGlobal) in payloads) data.Add(use, module, name, stackGlobal);
        return data;
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_reduce_of_a_dangerous_global_is_refused_before_anything_runs(string use, string module, string name, bool stackGlobal)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string marker = dir.File("pwned");
        byte[] pickle = new PickleBuilder().Proto(4).EmptyDict()
            .Str("x").Call(module, name, $"touch {marker}", stackGlobal).SetItem()
            .Stop().ToArray();
        string expected = module switch { "__builtin__" => "builtins", "copy_reg" => "copyreg", _ => module } + "." + name;
        PickleUses.AssertRefused(use, pickle, expected);
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [MemberData(nameof(PickleUses.All), MemberType = typeof(PickleUses))]
    public void A_protocol_0_INST_of_a_dangerous_class_is_refused(string use) =>
        PickleUses.AssertRefused(use, new PickleBuilder().Mark().Str("echo hi").Inst("subprocess", "Popen").Stop().ToArray(), "subprocess.Popen");

    [Theory]
    [MemberData(nameof(PickleUses.All), MemberType = typeof(PickleUses))]
    public void A_dangerous_global_passed_to_an_allowed_one_is_refused(string use)
    {
        // _codecs.encode(builtins.print, "latin1"): both uses allow _codecs.encode, neither its argument.
        byte[] pickle = new PickleBuilder().Proto().Global("_codecs", "encode").Mark()
            .Global("builtins", "print").Str("latin1").Tuple().Reduce().Stop().ToArray();
        PickleUses.AssertRefused(use, pickle, "builtins.print");
    }

    public static TheoryData<string, string> RealPayloads()
    {
        var data = new TheoryData<string, string>();
        foreach (string use in PickleUses.Names)
        {
            data.Add(use, "evil_system.pth");
            data.Add(use, "evil_eval_legacy.pt");
        }
        return data;
    }

    /// <summary>Files torch.save wrote for objects whose <c>__reduce__</c> runs a command (make_pth_fixtures.py).</summary>
    [Theory]
    [MemberData(nameof(RealPayloads))]
    public void Pickles_python_wrote_with_a_reduce_payload_are_refused(string use, string file)
    {
        const string marker = "/tmp/modelzoo-weights-pwned-marker";
        if (File.Exists(marker)) File.Delete(marker);
        string path = RepoPaths.Fixtures("weights", file);
        Exception ex;
        if (file.EndsWith(".pth", StringComparison.Ordinal))
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            var pickle = new MemoryStream();
            using (Stream entry = zip.Entries.Single(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)).Open()) entry.CopyTo(pickle);
            ex = Assert.ThrowsAny<Exception>(() => PickleUses.Load(use, pickle.ToArray(), file));
        }
        else
        {
            // A legacy file is consecutive pickles (magic, protocol, sys_info, the object, the storage keys): read them
            // in turn; the object pickle must be refused.
            using FileStream stream = File.OpenRead(path);
            ex = Assert.ThrowsAny<Exception>(() =>
            {
                for (int i = 0; i < 5; i++) RestrictedUnpickler.Load(stream, file, PickleUses.AllowList(use));
            });
        }
        Assert.IsType(PickleUses.Refusal(use), ex);
        Assert.Contains("refused to load: the pickle references the Python global", ex.Message);
        // A checkpoint reader accepts the tensor around the payload and stops at the payload itself; the CIFAR reader
        // already stops at the first torch global.
        if (use == "checkpoint") Assert.Contains(file.StartsWith("evil_system", StringComparison.Ordinal) ? "'posix.system'" : "'builtins.eval'", ex.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Neither_use_accepts_the_other_uses_globals()
    {
        PickleAllowList checkpoint = PickleUses.AllowList("checkpoint"), cifar = PickleUses.AllowList("cifar");
        string[] shared = checkpoint.Names.Intersect(cifar.Names).ToArray();
        Assert.Equal(new[] { "_codecs.encode" }, shared);
        foreach ((string use, PickleAllowList other) in new[] { ("cifar", checkpoint), ("checkpoint", cifar) })
        {
            int refused = 0;
            foreach (string global in other.Names.Except(shared))
            {
                int dot = global.LastIndexOf('.');
                PickleUses.AssertRefused(use, new PickleBuilder().Proto().Global(global[..dot], global[(dot + 1)..]).Stop().ToArray(), global);
                refused++;
            }
            Assert.True(refused >= (use == "cifar" ? 40 : 4), $"{use} refused only {refused} globals");
        }
    }

    [Theory]
    [InlineData("checkpoint", "torch", "FloatStorage")]
    [InlineData("checkpoint", "torch", "Tensor")]
    [InlineData("cifar", "numpy", "ndarray")]
    public void Applying_an_allowed_value_that_is_not_a_function_is_an_error_not_a_call(string use, string module, string name)
    {
        byte[] pickle = new PickleBuilder().Proto().Global(module, name).Str("x").Tuple1().Reduce().Stop().ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => PickleUses.Load(use, pickle, "value.pkl"));
        Assert.Contains($"{module}.{name} is a value, not a callable", ex.Message);
        Assert.StartsWith("value.pkl: invalid ", ex.Message);
    }
}
