using ModelZoo.Cam.Methods;
using ModelZoo.Cam.Tests.Support;
using ModelZoo.Models;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Methods;

/// <summary>Hooks live only during a call, the model's modes and requires_grad flags come back (also after an
/// exception), and nothing native accumulates over many calls.</summary>
public sealed class LifetimeTests
{
    /// <summary>A method that checks, from inside the template, that the hooks and the eval/frozen state are in place.</summary>
    private sealed class Probe(ImageClassifier model, Func<CamLayerContext, Tensor>? body = null) : CamBase(model)
    {
        public int HooksSeen { get; private set; }
        public bool? TrainingSeen { get; private set; }
        public bool? AnyParameterTrainable { get; private set; }

        public override string Name => "probe";
        protected override bool UsesGradients => true;

        protected override Tensor LayerMap(CamLayerContext layer)
        {
            HooksSeen = HookCount.Of(Model);
            TrainingSeen = Model.training;
            AnyParameterTrainable = Model.parameters().Any(p => p.requires_grad);
            return body is null ? layer.RequireGradients().sum(1) : body(layer);
        }
    }

    [Fact]
    public void Hooks_exist_only_during_the_call_and_state_is_restored()
    {
        using TinyNet model = TinyNet.Gap();
        MixedState(model);
        var before = Snapshot(model);
        using var probe = new Probe(model);
        using var scope = torch.NewDisposeScope();
        probe.Compute(torch.ones(2, 1, 16, 16));
        Assert.Equal(1, probe.HooksSeen);          // our counter sees the one capture hook while it is registered
        Assert.False(probe.TrainingSeen);
        Assert.False(probe.AnyParameterTrainable);
        Assert.Equal(0, HookCount.Of(model));
        Assert.Equal(before, Snapshot(model));
    }

    [Fact]
    public void State_is_restored_when_the_method_throws()
    {
        using TinyNet model = TinyNet.Gap();
        MixedState(model);
        var before = Snapshot(model);
        using var probe = new Probe(model, _ => throw new InvalidOperationException("boom"));
        using var scope = torch.NewDisposeScope();
        Assert.Throws<InvalidOperationException>(() => probe.Compute(torch.ones(1, 1, 16, 16)));
        Assert.Equal(1, probe.HooksSeen);
        Assert.Equal(0, HookCount.Of(model));
        Assert.Equal(before, Snapshot(model));
    }

    [Fact]
    public void A_disposed_method_refuses_to_run()
    {
        using TinyNet model = TinyNet.Gap();
        var cam = new GradCam(model);
        cam.Dispose();
        using Tensor input = torch.ones(1, 1, 16, 16);
        Assert.Throws<ObjectDisposedException>(() => cam.Compute(input));
    }

    [Fact]
    public void Bad_layers_classes_and_inputs_give_clear_errors()
    {
        using TinyNet model = TinyNet.Gap();
        var unknown = Assert.Throws<KeyNotFoundException>(() => new GradCam(model, new CamOptions { TargetLayers = new[] { "feature.7" } }));
        Assert.Contains("Did you mean 'features.7'?", unknown.Message);
        using var cam = new GradCam(model);
        using var scope = torch.NewDisposeScope();
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => cam.Compute(torch.ones(1, 1, 16, 16), 4));
        Assert.Contains("has 4 classes (0..3)", range.Message);
        Assert.Throws<ArgumentException>(() => cam.Compute(torch.ones(2, 1, 16, 16), new[] { 0 }));
        Assert.Throws<ArgumentException>(() => cam.Compute(torch.ones(1, 3, 16, 16)));
        Assert.Equal(0, HookCount.Of(model));
    }

    [Fact]
    public void Several_layers_are_averaged_and_any_module_path_works()
    {
        using TinyNet model = TinyNet.Gap();
        DeterministicFill.Fill(model, 1.0);
        using var scope = torch.NewDisposeScope();
        Tensor input = DeterministicFill.Input(2, 1, 16, 16);
        using var both = new GradCam(model, new CamOptions { TargetLayers = new[] { "features.3", "features" } });
        using var first = new GradCam(model, new CamOptions { TargetLayers = new[] { "features.3" } });
        using var second = new GradCam(model, new CamOptions { TargetLayers = new[] { "features" } });
        CamResult[] a = both.Compute(input).ToArray();
        int[] classes = a.Select(r => r.ClassIndex).ToArray();
        CamResult[] b = first.Compute(input, classes).ToArray(), c = second.Compute(input, classes).ToArray();
        for (int n = 0; n < 2; n++)
        {
            Assert.True(b[n].Map.Max > b[n].Map.Min && c[n].Map.Max > c[n].Map.Min, "each layer's map should not be flat");
            Assert.Equal(new[] { "features.3", "features" }, a[n].Layers);
            Assert.Equal((8, 8), (a[n].RawMaps[0].Width, a[n].RawMaps[0].Height));   // features.3: after one pool
            Assert.Equal((4, 4), (a[n].RawMaps[1].Width, a[n].RawMaps[1].Height));
            double[] mean = b[n].Map.Values.Zip(c[n].Map.Values, (x, y) => (x + y) / 2.0).ToArray();
            double min = mean.Min(), range = mean.Max() - min;
            for (int i = 0; i < mean.Length; i++) Assert.Equal((mean[i] - min) / range, a[n].Map.Values[i], 5);
        }
    }

    /// <summary>Training mode on, one submodule in eval, the stem frozen.</summary>
    private static void MixedState(TinyNet model)
    {
        model.train();
        ModuleTree.Resolve(model, "features.1").eval();
        foreach ((string name, TorchSharp.Modules.Parameter p) in model.named_parameters())
            if (name.StartsWith("features.0.", StringComparison.Ordinal)) p.requires_grad = false;
    }

    private static string Snapshot(nn.Module model) =>
        string.Join(";", new[] { ("", model) }.Concat(ModuleTree.NamedDescendants(model)).Select(m => $"{m.Item1}={m.Item2.training}"))
        + "|" + string.Join(";", model.named_parameters().Select(p => $"{p.name}={p.parameter.requires_grad}"));
}
