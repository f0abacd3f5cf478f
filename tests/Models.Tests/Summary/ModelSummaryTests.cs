using System.Text.Json;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Summary;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Summary;

/// <summary>Rows, totals, MACs, buffers, memory estimates, rendering and errors of <see cref="ModelSummary"/>
/// on small models whose figures are counted by hand in the comments.</summary>
public sealed class ModelSummaryTests
{
    [Fact]
    public void LeNet5_rows_params_and_macs()
    {
        using var model = new LeNet5();
        ModelSummaryResult s = ModelSummary.Compute(model, new long[] { 1, 32, 32 }, modelName: "lenet5");
        Assert.Equal("lenet5", s.Model);
        Assert.Equal(new long[] { 1, 1, 32, 32 }, s.InputShape);
        Assert.Equal(61_706, s.Params);
        Assert.Equal(61_706, s.TrainableParams);
        Assert.Equal(0, s.NonTrainableParams);
        Assert.Equal(new[] { "conv1", "conv2", "fc1", "fc2", "fc3" }, s.Layers.Select(l => l.Name));
        Assert.Equal(new[] { "Conv2d", "Conv2d", "Linear", "Linear", "Linear" }, s.Layers.Select(l => l.Type));
        Assert.Equal(new long[] { 156, 2_416, 48_120, 10_164, 850 }, s.Layers.Select(l => l.Params));
        Assert.Equal(new long[] { 1, 6, 28, 28 }, s.Layers[0].OutputShape);
        Assert.Equal(new long[] { 1, 16, 10, 10 }, s.Layers[1].OutputShape);
        Assert.Equal(new long[] { 1, 10 }, s.Layers[4].OutputShape);
        // conv1 4,704 outputs × 1·5·5; conv2 1,600 × 6·5·5; fc 400·120, 120·84, 84·10.
        Assert.Equal(new long[] { 117_600, 240_000, 48_000, 10_080, 840 }, s.Layers.Select(l => l.Macs));
        Assert.Equal(416_520, s.Macs);
        Assert.Equal(61_706 * 4, s.ParamBytes);
        Assert.Equal((4_704 + 1_600 + 120 + 84 + 10) * 4, s.ActivationBytes);
        Assert.Equal(0, s.BufferCount);
    }

    [Fact]
    public void Registry_overload_uses_the_default_input_and_names_unknown_models()
    {
        ModelSummaryResult s = ModelSummary.Compute("lenet5");
        Assert.Equal("lenet5", s.Model);
        Assert.Equal(new long[] { 1, 1, 32, 32 }, s.InputShape);
        Assert.Equal(61_706, s.Params);
        ModelSummaryResult grayscale28 = ModelSummary.Compute("lenet5", new long[] { 1, 28, 28 }, options: new ModelOptions { InputSize = 28 });
        Assert.Equal(61_706 - 144 * 120, grayscale28.Params);   // fc1 takes 256 instead of 400 inputs
        var ex = Assert.Throws<KeyNotFoundException>(() => ModelSummary.Compute("lenet6"));
        Assert.Contains("lenet5", ex.Message);
    }

    [Fact]
    public void LeNet5Classic_rows_carry_the_papers_trainable_counts()
    {
        using var model = new LeNet5Classic();
        ModelSummaryResult s = ModelSummary.Compute(model, new long[] { 1, 1, 32, 32 });
        var trainable = s.Layers.ToDictionary(l => l.Name, l => l.TrainableParams);
        Assert.Equal(156, trainable["c1"]);
        Assert.Equal(12, trainable["s2"]);
        Assert.Equal(1_516, trainable["c3"]);
        Assert.Equal(32, trainable["s4"]);
        Assert.Equal(48_120, trainable["c5"]);
        Assert.Equal(10_164, trainable["f6"]);
        Assert.Equal(new long[] { 1, 120, 1, 1 }, s.Layers.Single(l => l.Name == "c5").OutputShape);
        Assert.Equal(s.Params, s.Layers.Sum(l => l.Params));
        // C1 4,704 × 25; C3 (partial, IMacCountable) 100 positions × 60 connections × 25; C5 120 × 16·25; F6 84·120; output 84·10.
        var macs = s.Layers.ToDictionary(l => l.Name, l => l.Macs);
        Assert.Equal(150_000, macs["c3"]);
        Assert.Equal(117_600 + 150_000 + 48_000 + 10_080 + 840, s.Macs);
    }

    [Fact]
    public void Mismatched_or_malformed_input_is_an_argument_exception()
    {
        using var model = new LeNet5();
        var channels = Assert.Throws<ArgumentException>(() => ModelSummary.Compute(model, new long[] { 3, 32, 32 }));
        Assert.Contains("[N, 1, 32, 32]", channels.Message);
        Assert.Throws<ArgumentException>(() => ModelSummary.Compute(model, new long[] { 1, 28, 28 }));
        var malformed = Assert.Throws<ArgumentException>(() => ModelSummary.Compute(model, new long[] { 32, 32 }));
        Assert.Contains("[C, H, W] or [N, C, H, W]", malformed.Message);
        Assert.Throws<ArgumentException>(() => ModelSummary.Compute(model, new long[] { 1, 0, 32 }));
        Assert.True(model.training, "the model's mode is restored after a failed summary");
    }

    [Fact]
    public void A_plain_module_with_a_native_error_gives_an_argument_exception()
    {
        using var model = nn.Sequential(("conv", (nn.Module<Tensor, Tensor>)nn.Conv2d(3, 4, 3)), ("flat", nn.Flatten()), ("fc", nn.Linear(4 * 6 * 6, 2)));
        ModelSummaryResult ok = ModelSummary.Compute(model, new long[] { 3, 8, 8 });
        Assert.Equal(new[] { "conv", "flat", "fc" }, ok.Layers.Select(l => l.Name));
        var ex = Assert.Throws<ArgumentException>(() => ModelSummary.Compute(model, new long[] { 3, 9, 9 }));
        Assert.Contains("[1, 3, 9, 9]", ex.Message);
    }

    [Fact]
    public void Eval_summary_lists_an_idle_auxiliary_head_and_a_module_called_twice()
    {
        using var model = new AuxToyModel();
        ModelSummaryResult s = ModelSummary.Compute(model, new long[] { 3, 6, 6 });
        Assert.Equal(new[] { "conv", "bn", "relu", "conv2", "relu", "pool", "fc", "aux" }, s.Layers.Select(l => l.Name));
        Assert.Equal(new long[] { 216, 16, 0, 296, 0, 0, 45, 45 }, s.Layers.Select(l => l.Params));
        Assert.Equal(new long[] { 1, 8, 6, 6 }, s.Layers[2].OutputShape);
        Assert.Equal(new long[] { 1, 8, 2, 2 }, s.Layers[4].OutputShape);
        LayerSummary aux = s.Layers[7];
        Assert.False(aux.Executed);
        Assert.Empty(aux.OutputShape);
        Assert.Equal(618, s.Params);
        // conv 288 outputs × 3·9; conv2 (groups 2) 32 × 4·9; fc 5 × 8.
        Assert.Equal(new long[] { 7_776, 0, 0, 1_152, 0, 0, 40, 0 }, s.Layers.Select(l => l.Macs));
        Assert.Equal(8_968, s.Macs);
        Assert.Equal((288 * 3 + 32 * 2 + 8 + 5) * 4, s.ActivationBytes);
        Assert.Equal(8 + 8 + 1, s.BufferCount);
        Assert.Equal(3, s.BufferTensors);
        Assert.Equal((8 + 8) * 4 + 8, s.BufferBytes);
    }

    [Fact]
    public void Training_summary_runs_the_auxiliary_forward_and_restores_mode_and_running_stats()
    {
        using var model = new AuxToyModel();
        model.eval();
        var bn = (BatchNorm2d)ModuleTree.NamedDescendants(model).Single(m => m.Name == "bn").Module;
        using Tensor meanBefore = bn.running_mean!.clone();
        ModelSummaryResult s = ModelSummary.Compute(model, new long[] { 2, 3, 6, 6 }, training: true);
        Assert.True(s.Training);
        LayerSummary aux = s.Layers.Single(l => l.Name == "aux");
        Assert.True(aux.Executed);
        Assert.Equal(new long[] { 2, 5 }, aux.OutputShape);
        Assert.Equal(2 * 9_008, s.Macs);
        Assert.False(model.training);
        Assert.All(ModuleTree.NamedDescendants(model), m => Assert.False(m.Module.training));
        Assert.True(bn.running_mean!.allclose(meanBefore, 0, 0));
        Assert.Equal(0, bn.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void Frozen_parameters_are_non_trainable()
    {
        using var model = new LeNet5();
        foreach ((string name, Parameter p) in model.named_parameters())
            if (name.StartsWith("conv", StringComparison.Ordinal)) p.requires_grad = false;
        ModelSummaryResult s = ModelSummary.Compute(model, new long[] { 1, 32, 32 });
        Assert.Equal(156 + 2_416, s.NonTrainableParams);
        Assert.Equal(61_706 - 156 - 2_416, s.TrainableParams);
        Assert.Equal(0, s.Layers[0].TrainableParams);
        Assert.Equal(156, s.Layers[0].Params);
    }

    [Fact]
    public void Mac_rules_for_transposed_convolution_linear_on_3d_input_and_custom_layers()
    {
        using var deconv = nn.ConvTranspose2d(4, 6, 3, stride: 2, groups: 2);
        using Tensor x = torch.zeros(1, 4, 5, 5);
        using Tensor y = deconv.call(x);
        Assert.Equal(100L * 3 * 9, MacCounter.Count(deconv, x, y));   // each input value meets (6/2)·3·3 weights
        using var linear = nn.Linear(7, 3);
        using Tensor seq = torch.zeros(2, 4, 7);
        using Tensor z = linear.call(seq);
        Assert.Equal(2L * 4 * 3 * 7, MacCounter.Count(linear, seq, z));
        using var relu = nn.ReLU();
        Assert.Equal(0, MacCounter.Count(relu, seq, seq));
        using var custom = new CountedIdentity();
        Assert.Equal(42, MacCounter.Count(custom, seq, seq));
    }

    [Fact]
    public void Json_has_exactly_the_documented_fields()
    {
        using var model = new LeNet5();
        ModelSummaryResult s = ModelSummary.Compute(model, new long[] { 1, 32, 32 }, modelName: "lenet5");
        using JsonDocument doc = JsonDocument.Parse(s.ToJson());
        JsonElement root = doc.RootElement;
        Assert.Equal(new[] { "model", "params", "trainable_params", "non_trainable_params", "macs", "buffers", "activation_bytes", "layers" },
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("lenet5", root.GetProperty("model").GetString());
        Assert.Equal(61_706, root.GetProperty("params").GetInt64());
        Assert.Equal(416_520, root.GetProperty("macs").GetInt64());
        Assert.Equal(s.ActivationBytes, root.GetProperty("activation_bytes").GetInt64());
        JsonElement first = root.GetProperty("layers")[0];
        Assert.Equal(new[] { "name", "type", "output_shape", "params", "macs" }, first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("conv1", first.GetProperty("name").GetString());
        Assert.Equal(new long[] { 1, 6, 28, 28 }, first.GetProperty("output_shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(5, root.GetProperty("layers").GetArrayLength());
        Assert.Contains("\n", s.ToJson(indented: true));
    }

    [Fact]
    public void Table_lists_every_row_and_the_totals()
    {
        using var model = new AuxToyModel();
        string table = ModelSummary.Compute(model, new long[] { 3, 6, 6 }, modelName: "toy").ToTable();
        string[] lines = table.Split('\n');
        Assert.StartsWith("Model: toy", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Layer (path)", StringComparison.Ordinal) && l.Contains("Output shape") && l.Contains("Params"));
        Assert.Contains(lines, l => l.StartsWith("conv2 ", StringComparison.Ordinal) && l.Contains("[1, 8, 2, 2]") && l.Contains("296") && l.Contains("1,152"));
        Assert.Contains(lines, l => l.StartsWith("aux ", StringComparison.Ordinal) && l.Contains("(not run)"));
        Assert.Contains("Total params: 618", table);
        Assert.Contains("Non-trainable params: 0", table);
        Assert.Contains("MACs: 8,968 (8.968 K)", table);
        Assert.Contains("Buffers: 17 values in 3 tensor(s)", table);
    }

    private sealed class CountedIdentity : nn.Module<Tensor, Tensor>, IMacCountable
    {
        public CountedIdentity() : base(nameof(CountedIdentity)) { }
        public override Tensor forward(Tensor input) => input.alias();
        public long CountMacs(Tensor input, Tensor output) => 42;
    }
}
