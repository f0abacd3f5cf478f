using ModelZoo.Models.Layers;
using ModelZoo.Models.Layout;

namespace ModelZoo.Models.Inference;

/// <summary>
/// The inference fast path on the model contract: an eval-only copy of an <see cref="ImageClassifier"/> (or the model
/// itself with <see cref="InferenceOptions.InPlace"/>) with every BatchNorm2d folded into the convolution before it
/// (<see cref="BatchNormFolding"/>), weights and inputs in channels-last layout, and optionally bfloat16 (CPU) or float16
/// (CUDA) weights and activations:
/// <code>
/// using InferenceModel fast = FastInference.Optimize(model);            // fold + channels-last, float32, on a copy
/// using Tensor logits = fast.Logits(images);                              // float32 [N, classes], equal to model(images) to ~1e-5
/// </code>
/// The folding is checked: the folded model's output on a probe batch must equal the original's, else it throws.
/// </summary>
public static class FastInference
{
    /// <summary>Relative tolerance of the fold check (float32 folding is exact to ~1e-6 of the output's magnitude).</summary>
    private const double FoldCheckTolerance = 1e-3;

    public static InferenceModel Optimize(ImageClassifier model, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= InferenceOptions.Default;
        Device device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        if (options.Precision == InferencePrecision.Fp16 && device.type != DeviceType.CUDA)
            throw new ArgumentException("fp16 inference needs a CUDA device (libtorch's CPU float16 kernels are slow); on the CPU use bf16.", nameof(options));
        MemoryFormat layout = ChannelsLast.Resolve(options.MemoryFormat, model);
        if (options.IsPlain || (!options.FoldBatchNorm && layout == MemoryFormat.Contiguous && options.Precision == InferencePrecision.Fp32))
            return new InferenceModel(model, isCopy: false, foldedBatchNorms: 0, MemoryFormat.Contiguous, InferencePrecision.Fp32);

        ImageClassifier target = options.InPlace ? model : ModelCopy.Of(model);
        try
        {
            if (!options.InPlace) CheckCopy(model, target);
            target.eval();
            if (!options.InPlace)
                foreach (Parameter p in target.parameters()) p.requires_grad = false;
            int folded = options.FoldBatchNorm ? FoldBatchNorms(target) : 0;
            if (layout == MemoryFormat.ChannelsLast) ChannelsLast.ConvertModule(target, channelsLast: true);
            if (options.Precision != InferencePrecision.Fp32) target.to(DTypeOf(options.Precision));
            return new InferenceModel(target, isCopy: !options.InPlace, folded, layout, options.Precision);
        }
        catch
        {
            if (!options.InPlace) target.Dispose();
            throw;
        }
    }

    /// <summary>Folds every conv → batch-norm pair of <paramref name="model"/> (in eval mode) and replaces each folded norm
    /// by an Identity; returns how many were folded. Norms without running statistics, called more than once, or held in
    /// a field that cannot take an Identity stay as they are.</summary>
    public static int FoldBatchNorms(ImageClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            Tensor probe = Probe(model);
            (IReadOnlyList<(string Conv, string Norm)> pairs, Tensor reference) = ConvBatchNormPairs.Find(model, probe);
            var modules = ModuleTree.NamedDescendants(model).ToDictionary(m => m.Name, m => m.Module);
            int folded = 0;
            foreach ((string convPath, string normPath) in pairs)
            {
                var conv = (Conv2d)modules[convPath];
                var norm = (BatchNorm2d)modules[normPath];
                if (norm.running_mean is null || norm.running_var is null) continue;
                try
                {
                    ModuleSurgery.ReplaceAndRebind(model, normPath, nn.Identity());
                }
                catch (InvalidOperationException)
                {
                    continue;   // a field typed BatchNorm2d: leave this pair unfolded
                }
                BatchNormFolding.FoldInto(conv, norm);
                norm.Dispose();
                folded++;
            }
            if (folded > 0) CheckUnchanged(model, probe, reference);
            return folded;
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    internal static ScalarType DTypeOf(InferencePrecision precision) => precision switch
    {
        InferencePrecision.Fp32 => ScalarType.Float32,
        InferencePrecision.Bf16 => ScalarType.BFloat16,
        InferencePrecision.Fp16 => ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    /// <summary>A seeded random batch of two at the model's fixed size, or 64×64 (at least its minimum size).</summary>
    private static Tensor Probe(ImageClassifier model)
    {
        Tensor reference = model.parameters().First();
        (int h, int w) = model.FixedInputSize ?? (Math.Max(model.MinInputSize, 64), Math.Max(model.MinInputSize, 64));
        using var generator = new Generator(0x5EED, reference.device);
        return torch.randn(new long[] { 2, model.InChannels, h, w }, dtype: reference.dtype, device: reference.device, generator: generator);
    }

    private static void CheckUnchanged(ImageClassifier model, Tensor probe, Tensor reference)
    {
        double diff = MaxDifference(model.call(probe), reference, out double scale);
        if (!(diff <= FoldCheckTolerance * scale))
            throw new InvalidOperationException($"Folding batch norms changed {model.GetName()}'s output by up to {diff:g3} (output magnitude {scale:g3}); " +
                "a folded convolution's output must also feed something other than its norm. Use InferenceOptions with FoldBatchNorm = false.");
    }

    /// <summary>The copy must compute what the model computes (in eval mode): rebuilding from options cannot see a
    /// changed hyperparameter of a parameter-free layer, for instance.</summary>
    private static void CheckCopy(ImageClassifier model, ImageClassifier copy)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor probe = Probe(model);
        bool modelTraining = model.training, copyTraining = copy.training;
        model.eval();
        copy.eval();
        try
        {
            double diff = MaxDifference(copy.call(probe), model.call(probe), out double scale);
            if (!(diff <= FoldCheckTolerance * scale))
                throw new NotSupportedException($"{model.GetType().Name} cannot be copied: a rebuilt copy computes something else (output differs by {diff:g3}); " +
                    "optimise it in place instead (InferenceOptions.InPlace).");
        }
        finally
        {
            model.train(modelTraining);
            copy.train(copyTraining);
        }
    }

    private static double MaxDifference(Tensor output, Tensor reference, out double scale)
    {
        scale = Math.Max(1.0, reference.abs().max().to(ScalarType.Float64).item<double>());
        return output.sub(reference).abs().max().to(ScalarType.Float64).item<double>();
    }
}
