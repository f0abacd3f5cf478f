using ModelZoo.Models;
using ModelZoo.Training.Precision;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
namespace ModelZoo.Training.Tests.Precision;
/// <summary>Batch-norm and auxiliary-head models: convolutions run in bf16, norm layers stay float32, all
/// gradients arrive in float32.</summary>
public sealed class MixedPrecisionZooTests(ITestOutputHelper o)
{
    [Theory]
    [InlineData("resnet18", 64, 22)]    // 20 convs + fc weight/bias; 40 BN parameters stay float32
    [InlineData("googlenet", 64, 69)]
    public void A_bf16_step_runs_on_batch_norm_and_auxiliary_head_models(string name, int size, int shadowed)
    {
        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = 10 });
        model.train();
        var s = new Bf16MixedPrecision();
        using (s.Attach(model, torch.CPU))
        using (torch.NewDisposeScope())
        {
            Tensor x = torch.randn(2, model.InChannels, size, size);
            Tensor loss;
            using (s.ForwardContext())
            {
                ModelOutput output = model is IAuxiliaryOutputs aux && aux.HasActiveAuxiliaryHeads ? aux.ForwardWithAuxiliary(x) : new ModelOutput(model.call(x));
                loss = output.CombinedLoss(Trainer.CrossEntropy, torch.tensor(new long[] { 1, 2 }));
                o.WriteLine($"{name}: logits {output.Logits.dtype}, shadowed {s.ReducedPrecisionParameters}/{model.parameters().Count()}");
                Assert.Equal(ScalarType.BFloat16, output.Logits.dtype);
                Assert.Equal(shadowed, s.ReducedPrecisionParameters);
            }
            s.Backward(loss);
            Assert.All(model.parameters().Where(p => p.requires_grad), p => Assert.Equal(ScalarType.Float32, p.grad!.dtype));
        }
    }
}
