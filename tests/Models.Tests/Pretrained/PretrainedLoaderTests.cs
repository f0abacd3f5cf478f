using ModelZoo.Models.LeNets;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.SafetensorsFormat;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Pretrained;

/// <summary>Plain weights files: class count read from the file, formats detected by content, clear errors.</summary>
public sealed class PretrainedLoaderTests
{
    [Fact]
    public void SafetensorsFileLoadsWithItsClassCountInferred()
    {
        using var temp = new TempDir();
        using LeNet5 source = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28, NumClasses = 7 }, seed: 3);
        string path = temp.File("lenet7.safetensors");
        Safetensors.Save(path, source.state_dict());

        using PretrainedModel loaded = PretrainedLoader.Load("lenet5", path, new PretrainedOptions { Model = new ModelOptions { InputSize = 28 } });

        Assert.Equal(7, loaded.Model.NumClasses);
        Assert.True(loaded.LoadResult.IsExact, loaded.LoadResult.ToString());
        Assert.Null(loaded.Weights);
        Assert.Null(loaded.Categories);
        using var noGrad = torch.no_grad();
        using Tensor x = torch.randn(2, 1, 28, 28);
        source.eval();
        loaded.Model.eval();
        using Tensor a = source.call(x), b = loaded.Model.call(x);
        Assert.True(Transfer.FreezeTests.BitEqual(a, b));
    }

    [Fact]
    public void RealPyTorchFileLoadsAndAConflictingShapeIsReported()
    {
        string lenet = RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
        using (PretrainedModel loaded = PretrainedLoader.Load("lenet5", lenet, new PretrainedOptions { Model = new ModelOptions { InputSize = 28 } }))
            Assert.Equal((10, 10), (loaded.Model.NumClasses, loaded.LoadResult.Loaded.Count));
        // Built for 32×32 input, fc1 has 400 inputs but the file's has 256: strict loading names the key and both shapes.
        var ex = Assert.Throws<StateDictLoadException>(() => PretrainedLoader.Create("lenet5", lenet));
        Assert.Contains("fc1.weight", ex.Message);
        Assert.Contains("[120, 256]", ex.Message);
    }

    [Fact]
    public void NeitherANameNorAFileIsAClearError()
    {
        var noFile = Assert.Throws<FileNotFoundException>(() => PretrainedLoader.Create("lenet5", "missing/lenet.pth"));
        Assert.Contains("lenet5 has no published weights", noFile.Message);
        var badName = Assert.Throws<KeyNotFoundException>(() => PretrainedLoader.Create("resnet50", "IMAGENET1K_V3"));
        Assert.Contains("IMAGENET1K_V1, IMAGENET1K_V2", badName.Message);
        Assert.Throws<ArgumentException>(() => PretrainedLoader.Create("resnet18", "x.pth", new PretrainedOptions { AuxLogits = true }));
    }
}
