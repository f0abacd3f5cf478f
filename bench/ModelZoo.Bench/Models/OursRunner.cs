using ModelZoo.Models;
using ModelZoo.Models.Inference;
using ModelZoo.Models.Layout;
using ModelZoo.Models.Summary;
using ModelZoo.Training;
using ModelZoo.Training.Layout;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Bench.Models;

/// <summary>
/// Our side of a row, in this process: the zoo model built as <c>Zoo.Create(name)</c> builds it, inputs
/// x = sin(0.37 i) (the formula bench.py uses), and for training the trainer's own pieces (<see cref="Optimizers"/>,
/// <see cref="ChannelsLastTraining"/>, the same step as <see cref="Trainer"/>: clear the gradients, forward with auxiliary heads,
/// cross-entropy, backward, SGD step). The last configuration is kept between rounds.
/// </summary>
internal sealed class OursRunner : IDisposable
{
    private string? _key;
    private ImageClassifier? _model;
    private InferenceModel? _fast;
    private IDisposable? _layout;
    private optim.Optimizer? _optimizer;
    private readonly Dictionary<string, (long All, long Linear)> _macs = new();

    public double[] Run(BenchRow row, Timing timing)
    {
        Prepare(row);
        ModelEntry entry = Zoo.Get(row.Model);
        int classes = _model!.NumClasses;
        using var scope = torch.NewDisposeScope();
        Tensor x = Inputs(row.Batch, entry.DefaultInputShape);
        if (!row.IsTraining)
        {
            if (_fast!.MemoryFormat == MemoryFormat.ChannelsLast) x = ChannelsLast.ToChannelsLast(x);
            if (_fast.Precision == InferencePrecision.Bf16) x = x.to(ScalarType.BFloat16);
            return timing.Measure(() =>
            {
                using var step = torch.NewDisposeScope();
                _fast.Logits(x);
            });
        }
        if (row.Variant == "channels-last") x = ChannelsLast.ToChannelsLast(x);
        Tensor y = torch.arange(row.Batch, dtype: ScalarType.Int64).remainder(classes);
        return timing.Measure(() => TrainStep(_model, _optimizer!, x, y));
    }

    /// <summary>Multiply-accumulates of one forward pass of one image (eval mode, as <c>modelzoo summary</c> counts them).</summary>
    public long Macs(string model) => MacsOf(model).All;

    /// <summary>The part of <see cref="Macs"/> in Linear layers.</summary>
    public long LinearMacs(string model) => MacsOf(model).Linear;

    private (long All, long Linear) MacsOf(string model)
    {
        if (_macs.TryGetValue(model, out var macs)) return macs;
        int[] shape = Zoo.Get(model).DefaultInputShape;
        ModelSummaryResult summary = ModelSummary.Compute(model, new long[] { 1, shape[0], shape[1], shape[2] });
        return _macs[model] = (summary.Macs, summary.Layers.Where(l => l.Type == "Linear").Sum(l => l.Macs));
    }

    /// <summary>One plain TorchSharp training step: forward, loss (with GoogLeNet's aux heads when active), backward,
    /// step. Gradients are dropped first (<see cref="Optimizers.ClearGradients"/>, PyTorch's set_to_none); note that
    /// <see cref="Trainer"/>'s loop zero-fills them instead, which measured faster on LeNet-5 (bench/README.md).</summary>
    internal static void TrainStep(ImageClassifier model, optim.Optimizer optimizer, Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        Optimizers.ClearGradients(optimizer);
        ModelOutput output = model is IAuxiliaryOutputs aux && aux.HasActiveAuxiliaryHeads ? aux.ForwardWithAuxiliary(x) : new ModelOutput(model.call(x));
        Tensor loss = output.CombinedLoss((logits, target) => nn.functional.cross_entropy(logits.to_type(ScalarType.Float32), target), y);
        loss.backward();
        optimizer.step();
    }

    /// <summary>x[i] = sin(0.37 i) over [batch, C, H, W], float32 NCHW.</summary>
    internal static Tensor Inputs(int batch, int[] shape)
    {
        long n = (long)batch * shape[0] * shape[1] * shape[2];
        return torch.arange(n, dtype: ScalarType.Float32).mul_(0.37f).sin_().reshape(batch, shape[0], shape[1], shape[2]);
    }

    private void Prepare(BenchRow row)
    {
        string key = $"{row.Model}|{row.Task}|{row.Variant}";
        if (key == _key) return;
        Release();
        torch.manual_seed(0);
        _model = Zoo.Create(row.Model);
        if (row.IsTraining)
        {
            _model.train();
            _layout = ChannelsLastTraining.Attach(_model, row.Variant == "channels-last" ? MemoryFormat.ChannelsLast : MemoryFormat.Contiguous);
            _optimizer = Optimizers.Create(_model.parameters(), new TrainerOptions { LearningRate = 0.01, Momentum = 0.9 });
        }
        else
        {
            _model.eval();
            _fast = FastInference.Optimize(_model, row.Variant switch
            {
                "nchw" => InferenceOptions.Plain,
                "channels-last" => new InferenceOptions { FoldBatchNorm = false, MemoryFormat = MemoryFormat.ChannelsLast, InPlace = true },
                "fast" => InferenceOptions.Default with { InPlace = true },
                "bf16" => new InferenceOptions { MemoryFormat = MemoryFormat.ChannelsLast, Precision = InferencePrecision.Bf16, InPlace = true },
                _ => throw new ArgumentException($"Unknown variant '{row.Variant}'."),
            });
        }
        _key = key;
    }

    private void Release()
    {
        _optimizer?.Dispose();
        _layout?.Dispose();
        _fast?.Dispose();
        _model?.Dispose();
        (_optimizer, _layout, _fast, _model, _key) = (null, null, null, null, null);
    }

    public void Dispose() => Release();
}
