
namespace ModelZoo.Training.Precision;

/// <summary>
/// bfloat16 mixed precision ("bf16-mixed"): forward and backward in bfloat16 on copies of the float32 master weights
/// (see <see cref="MixedPrecisionStrategy"/>), optimizer step on the float32 masters. bfloat16 has float32's
/// exponent range, so no loss scaling is needed. Works on CPU and CUDA.
/// </summary>
public sealed class Bf16MixedPrecision : MixedPrecisionStrategy
{
    public Bf16MixedPrecision() : base(ScalarType.BFloat16) { }

    public override string Name => "bf16-mixed";

    public override void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        loss.backward();
    }

    public override bool Step(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.step();
        return true;
    }
}
