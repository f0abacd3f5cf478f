
namespace ModelZoo.Training.Precision;

/// <summary>Plain float32 training.</summary>
public sealed class Fp32Precision : IPrecisionStrategy
{
    private sealed class NoContext : IDisposable { public void Dispose() { } }
    private static readonly NoContext s_none = new();

    public string Name => "fp32";
    public IDisposable ForwardContext() => s_none;
    public void Backward(Tensor loss) => loss.backward();

    public bool Step(optim.Optimizer optimizer)
    {
        optimizer.step();
        return true;
    }
}
