using ModelZoo.Training.Precision;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Precision;

public sealed class DynamicLossScalerTests
{
    private static Parameter WithGrad(float[] values, float[] grad)
    {
        var p = new Parameter(torch.tensor(values));
        p.grad = torch.tensor(grad);
        return p;
    }

    [Fact]
    public void Defaults_are_GradScalers()
    {
        var scaler = new DynamicLossScaler();
        Assert.Equal(65536.0, scaler.Scale);
        Assert.Equal(new LossScalerState(65536.0, 0), scaler.State);
        Assert.Equal(2.0, scaler.Options.GrowthFactor);
        Assert.Equal(0.5, scaler.Options.BackoffFactor);
        Assert.Equal(2000, scaler.Options.GrowthInterval);
    }

    [Fact]
    public void Scale_multiplies_the_loss_and_unscale_divides_every_gradient_exactly()
    {
        var scaler = new DynamicLossScaler(new DynamicLossScalerOptions { InitScale = 3.0 });
        using Tensor loss = torch.tensor(1.5f);
        using Tensor scaled = scaler.ScaleLoss(loss);
        Assert.Equal(4.5f, scaled.item<float>());

        float[] g1 = { 3f, -6f, 0.3f }, g2 = { 1e-3f, 7f };
        using Parameter a = WithGrad(new float[3], g1), b = WithGrad(new float[2], g2);
        Assert.True(scaler.UnscaleAndCheck(new[] { a, b }));
        Assert.Equal(g1.Select(v => v / 3f).ToArray(), a.grad!.data<float>().ToArray());
        Assert.Equal(g2.Select(v => v / 3f).ToArray(), b.grad!.data<float>().ToArray());
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NaN)]
    public void A_non_finite_gradient_skips_the_step_keeps_parameters_and_halves_the_scale(float bad)
    {
        var strategy = new Fp16MixedPrecision();
        using Parameter ok = WithGrad(new[] { 1f, 2f }, new[] { 65536f, 65536f });
        using Parameter broken = WithGrad(new[] { 3f }, new[] { bad });
        using optim.Optimizer sgd = optim.SGD(new[] { ok, broken }, 0.1);

        Assert.False(strategy.Step(sgd));
        Assert.Equal(new[] { 1f, 2f }, ok.data<float>().ToArray());
        Assert.Equal(new[] { 3f }, broken.data<float>().ToArray());
        Assert.Equal(32768.0, strategy.Scaler.Scale);
        Assert.Equal(1, strategy.SkippedSteps);
    }

    [Fact]
    public void A_finite_step_applies_unscaled_gradients()
    {
        var strategy = new Fp16MixedPrecision();
        using Parameter p = WithGrad(new[] { 1f, 2f }, new[] { 65536f, -131072f });   // true gradients 1 and -2
        using optim.Optimizer sgd = optim.SGD(new[] { p }, 0.5);
        Assert.True(strategy.Step(sgd));
        Assert.Equal(new[] { 0.5f, 3f }, p.data<float>().ToArray());
        Assert.Equal(65536.0, strategy.Scaler.Scale);
        Assert.Equal(1, strategy.Scaler.GrowthTracker);
    }

    [Fact]
    public void Unscaling_twice_in_one_step_divides_once()
    {
        var strategy = new Fp16MixedPrecision();
        using Parameter p = WithGrad(new[] { 0f }, new[] { 65536f });
        using optim.Optimizer sgd = optim.SGD(new[] { p }, 1.0);
        Assert.True(strategy.UnscaleGradients(sgd));   // e.g. before clipping
        Assert.Equal(1f, p.grad!.item<float>());
        Assert.True(strategy.Step(sgd));
        Assert.Equal(-1f, p.item<float>());
    }

    [Fact]
    public void Growth_interval_finite_steps_double_the_scale_and_an_overflow_resets_the_count()
    {
        var scaler = new DynamicLossScaler(new DynamicLossScalerOptions { InitScale = 8, GrowthInterval = 3 });
        scaler.Update(foundInf: false);
        scaler.Update(foundInf: false);
        Assert.Equal(8.0, scaler.Scale);
        scaler.Update(foundInf: false);
        Assert.Equal(new LossScalerState(16.0, 0), scaler.State);
        scaler.Update(foundInf: false);
        scaler.Update(foundInf: false);
        scaler.Update(foundInf: true);
        Assert.Equal(new LossScalerState(8.0, 0), scaler.State);
        scaler.Update(foundInf: false);
        scaler.Update(foundInf: false);
        Assert.Equal(8.0, scaler.Scale);
    }

    [Fact]
    public void State_round_trips_and_bad_values_are_rejected()
    {
        var scaler = new DynamicLossScaler();
        scaler.Load(new LossScalerState(1024.0, 17));
        Assert.Equal(new LossScalerState(1024.0, 17), scaler.State);
        Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Load(new LossScalerState(0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Load(new LossScalerState(2, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicLossScaler(new DynamicLossScalerOptions { BackoffFactor = 1 }));
    }
}
