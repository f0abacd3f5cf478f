using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>Runs an ONNX file with the real ONNX Runtime (CPU, one thread) and compares with TorchSharp tensors.</summary>
internal sealed class OrtRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OrtRunner(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, options);
    }

    public InferenceSession Session => _session;

    /// <summary>Runs the single-input graph on <paramref name="input"/> (float32, any device) and returns its first output.</summary>
    public Tensor Run(Tensor input, string? inputName = null)
    {
        float[] data = input.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();
        var tensor = new DenseTensor(data, input.shape.Select(d => (int)d).ToArray());
        string name = inputName ?? _session.InputMetadata.Keys.First();
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor(name, tensor) });
        var output = results.First().AsTensor<float>();
        return torch.tensor(output.ToArray(), output.Dimensions.ToArray().Select(d => (long)d).ToArray());
    }

    /// <summary>max |a − b|.</summary>
    public static double MaxDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using Tensor d = (a.to(ScalarType.Float32) - b.to(ScalarType.Float32)).abs().max();
        return d.item<float>();
    }

    public void Dispose() => _session.Dispose();
}
