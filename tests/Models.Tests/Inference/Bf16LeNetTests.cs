using ModelZoo.Models.Inference;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Tests.Weights;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.PyTorch;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Inference;

/// <summary>Issue 11 acceptance: the real PyTorch LeNet (9,813/10,000 on MNIST t10k in float32) keeps its score within
/// ±5 images when the fast path runs it in bfloat16.</summary>
public sealed class Bf16LeNetTests(ITestOutputHelper output)
{
    [Fact]
    public void Real_lenet_checkpoint_scores_within_five_images_of_9813_in_bf16()
    {
        using PyTorchCheckpoint checkpoint = PyTorchCheckpoint.Load(RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth"));
        using var model = new LeNet5(new LeNet5Options { InputSize = 28 });
        Assert.True(StateDictLoader.Load(model, checkpoint.StateDict()).IsExact);
        model.eval();

        using InferenceModel fp32 = FastInference.Optimize(model);
        using InferenceModel bf16 = FastInference.Optimize(model, new InferenceOptions { Precision = InferencePrecision.Bf16 });
        Assert.Equal(ScalarType.BFloat16, bf16.Model.parameters().First().dtype);
        (int plain, int fast32, int fast16, int disagree) = Score(model, fp32, bf16);

        output.WriteLine($"lenet.pth on t10k: plain fp32 {plain}, fast path fp32 {fast32}, bf16 {fast16} correct; {disagree} predictions differ between fp32 and bf16");
        Assert.Equal(9813, plain);
        Assert.Equal(9813, fast32);
        Assert.InRange(fast16, 9813 - 5, 9813 + 5);
        Assert.InRange(disagree, 0, 20);
    }

    private static (int Plain, int Fast32, int Bf16, int Disagree) Score(LeNet5 model, InferenceModel fp32, InferenceModel bf16)
    {
        byte[] labels = MnistIdx.Test.Labels;
        int plain = 0, fast32 = 0, fast16 = 0, disagree = 0;
        using var noGrad = torch.no_grad();
        for (int start = 0; start < 10_000; start += 1000)
        {
            using var scope = torch.NewDisposeScope();
            byte[] pixels = MnistIdx.Test.Pixels.AsSpan(start * 784, 1000 * 784).ToArray();
            Tensor x = torch.tensor(pixels, new long[] { 1000, 1, 28, 28 }).to_type(ScalarType.Float32).div_(255f).sub_(0.1307f).div_(0.3081f);
            Tensor truth = torch.tensor(labels.AsSpan(start, 1000).ToArray().Select(b => (long)b).ToArray());
            Tensor p0 = model.call(x).argmax(1), p1 = fp32.Logits(x).argmax(1), p2 = bf16.Logits(x).argmax(1);
            plain += (int)p0.eq(truth).sum().item<long>();
            fast32 += (int)p1.eq(truth).sum().item<long>();
            fast16 += (int)p2.eq(truth).sum().item<long>();
            disagree += (int)p1.ne(p2).sum().item<long>();
        }
        return (plain, fast32, fast16, disagree);
    }
}
