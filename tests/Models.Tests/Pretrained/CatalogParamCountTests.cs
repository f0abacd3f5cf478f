using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.Pretrained;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Pretrained;

/// <summary>Runs alone: it switches torch's default device, which is process-wide.</summary>
[CollectionDefinition(nameof(DefaultDeviceCollection), DisableParallelization = true)]
public sealed class DefaultDeviceCollection;

/// <summary>Every catalog entry's published num_params equals the parameter count of the model we build for it.
/// The models are built on the "meta" device (shapes only, no memory or initialisation cost), so all 19
/// architectures, 1.3 billion parameters together, take well under a second.</summary>
[Collection(nameof(DefaultDeviceCollection))]
public sealed class CatalogParamCountTests
{
    public static TheoryData<string> Models() => new(WeightsCatalog.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void NumParamsEqualsOurModel(string model)
    {
        Device previous = torch.get_default_device();
        torch.set_default_device(torch.META);
        try
        {
            foreach (PretrainedWeights w in WeightsCatalog.ForModel(model))
            {
                ModelOptions options = PretrainedLoader.ImpliedOptions(w);
                using ImageClassifier net = model == "googlenet"
                    // torchvision's published count is that of the model its builder returns: aux heads dropped.
                    ? GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { AuxLogits = false, TransformInput = true, InitWeights = false })
                    : Zoo.Create(model, options);
                Assert.Equal(DeviceType.META, net.parameters().First().device_type);
                long count = net.parameters().Sum(p => p.numel());
                Assert.True(w.NumParams == count, $"{w}: catalog {w.NumParams}, built {count}");
                Assert.Equal(w.StemName, net.StemName);
                Assert.Equal(w.ClassifierName, net.ClassifierName);
                Assert.Equal(w.MinSize, net.MinInputSize);
            }
        }
        finally
        {
            torch.set_default_device(previous);
        }
    }
}
