using ModelZoo.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>Gives a randomly initialised model the batch-norm statistics of real use: one training-mode forward on
/// random inputs with a cumulative average, so every BN's running mean/var are its input's. Without it a fresh deep
/// ResNet's eval activations explode (ResNet-110: outputs near 1e8) or GoogLeNet's vanish (its logits collapse to the fc
/// bias), and a comparison with ONNX Runtime would test nothing or only float rounding of huge numbers.</summary>
internal static class Calibration
{
    public static void BatchNorm(ImageClassifier model, long[] inputShape, int batch = 16)
    {
        var norms = ModuleTree.NamedDescendants(model).Select(m => m.Module).OfType<BatchNorm2d>().ToArray();
        if (norms.Length == 0) return;
        var momenta = norms.Select(n => n.momentum).ToArray();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var generator = new Generator(7);
        foreach (BatchNorm2d bn in norms)
        {
            bn.reset_running_stats();
            bn.momentum = null;
        }
        model.train();
        var aux = model as IAuxiliaryOutputs;
        Tensor x = torch.randn(new[] { (long)batch }.Concat(inputShape.Skip(1)).ToArray(), generator: generator);
        if (aux is not null) aux.ForwardWithAuxiliary(x);
        else model.call(x);
        for (int i = 0; i < norms.Length; i++) norms[i].momentum = momenta[i];
        model.eval();
    }
}
