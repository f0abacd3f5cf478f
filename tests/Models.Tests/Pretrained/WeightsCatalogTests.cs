using System.Text.RegularExpressions;
using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Pretrained;

namespace ModelZoo.Models.Tests.Pretrained;

public sealed class WeightsCatalogTests
{
    private static readonly string[] s_models =
    {
        "alexnet", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn", "googlenet",
        "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d", "resnext101_32x8d",
        "wide_resnet50_2", "wide_resnet101_2",
    };

    [Fact]
    public void CatalogCoversEveryArchitectureWithTorchvisionsEntries()
    {
        Assert.Equal(s_models.OrderBy(m => m), WeightsCatalog.Models.OrderBy(m => m));
        Assert.Equal(27, WeightsCatalog.All.Count);
        foreach (string model in new[] { "resnet50", "resnet101", "resnet152", "resnext50_32x4d", "resnext101_32x8d", "wide_resnet50_2", "wide_resnet101_2" })
            Assert.Equal(new[] { "IMAGENET1K_V1", "IMAGENET1K_V2" }, WeightsCatalog.ForModel(model).Select(w => w.Name));
        Assert.Equal(new[] { "IMAGENET1K_V1", "IMAGENET1K_FEATURES" }, WeightsCatalog.ForModel("vgg16").Select(w => w.Name));
        foreach (string model in s_models) Assert.True(Zoo.Contains(model), model);
    }

    [Fact]
    public void FileNamesCarryTheSha256PrefixAndUrlsAreTorchvisions()
    {
        var pattern = new Regex(@"^[a-z0-9_]+(-[a-z0-9]+)*-[0-9a-f]{8,}\.pth$");
        foreach (PretrainedWeights w in WeightsCatalog.All)
        {
            Assert.Matches(pattern, w.FileName);
            Assert.StartsWith("https://download.pytorch.org/models/", w.Url);
            Assert.EndsWith("-" + w.Sha256Prefix + ".pth", w.FileName);
            Assert.True(w.Sha256Prefix.Length >= 8);
            Assert.Equal($"{w.TorchvisionName.Split('.')[0]}.{w.Name}", w.TorchvisionName);
        }
        Assert.Equal("resnet50-11ad3fa6.pth", TorchvisionWeights.ResNet50.ImageNet1kV2.FileName);
        Assert.Equal("11ad3fa6", TorchvisionWeights.ResNet50.ImageNet1kV2.Sha256Prefix);
        Assert.Equal("vgg16_features-amdegroot-88682ab5.pth", TorchvisionWeights.Vgg16.ImageNet1kFeatures.FileName);
        Assert.Equal(WeightsCatalog.All.Count, WeightsCatalog.All.Select(w => w.FileName).Distinct().Count());
    }

    [Theory]
    [InlineData("resnet50", "IMAGENET1K_V2")]
    [InlineData("resnet18", "IMAGENET1K_V1")]
    [InlineData("wide_resnet101_2", "IMAGENET1K_V2")]
    [InlineData("vgg16", "IMAGENET1K_V1")]
    [InlineData("googlenet", "IMAGENET1K_V1")]
    [InlineData("alexnet", "IMAGENET1K_V1")]
    public void DefaultAliasIsTorchvisionsDefault(string model, string expected)
    {
        Assert.Equal(expected, WeightsCatalog.Get(model, "DEFAULT").Name);
        Assert.Equal(expected, WeightsCatalog.Get(model, "default").Name);
        Assert.Same(WeightsCatalog.Default(model), WeightsCatalog.Get(model, expected));
        Assert.Single(WeightsCatalog.ForModel(model), w => w.IsDefault);
    }

    [Fact]
    public void LookupAcceptsTorchvisionsQualifiedNameAndRejectsUnknownOnesClearly()
    {
        Assert.Same(TorchvisionWeights.ResNet50.ImageNet1kV1, PretrainedWeights.Get("resnet50", "ResNet50_Weights.IMAGENET1K_V1"));
        Assert.Same(TorchvisionWeights.ResNet50.Default, TorchvisionWeights.ResNet50.ImageNet1kV2);
        var unknown = Assert.Throws<KeyNotFoundException>(() => WeightsCatalog.Get("resnet18", "IMAGENET1K_V2"));
        Assert.Contains("IMAGENET1K_V1", unknown.Message);
        var noWeights = Assert.Throws<KeyNotFoundException>(() => WeightsCatalog.Get("lenet5", "DEFAULT"));
        Assert.Contains("No published weights for model 'lenet5'", noWeights.Message);
    }

    [Fact]
    public void MetricsAndPresetsAreTorchvisions()
    {
        PretrainedWeights v1 = TorchvisionWeights.ResNet50.ImageNet1kV1, v2 = TorchvisionWeights.ResNet50.ImageNet1kV2;
        Assert.Equal((76.13, 92.862), (v1.Acc1!.Value, v1.Acc5!.Value));
        Assert.Equal((80.858, 95.434), (v2.Acc1!.Value, v2.Acc5!.Value));
        Assert.Equal((256, 224), (v1.Preset.ResizeSize, v1.Preset.CropSize));
        Assert.Equal((232, 224), (v2.Preset.ResizeSize, v2.Preset.CropSize));
        Assert.Equal(4.089, v2.Gflops);
        Assert.Equal(new[] { 0.485, 0.456, 0.406 }, v2.Preset.Mean);
        Assert.All(WeightsCatalog.All, w => Assert.Equal(Interpolation.Bilinear, w.Preset.Interpolation));
        Assert.Null(TorchvisionWeights.Vgg16.ImageNet1kFeatures.Acc1);
        Assert.Null(TorchvisionWeights.Vgg16.ImageNet1kFeatures.Categories);
        Assert.Equal(63, TorchvisionWeights.AlexNet.ImageNet1kV1.MinSize);
        Assert.Equal(15, TorchvisionWeights.GoogLeNet.ImageNet1kV1.MinSize);
        Assert.Equal(("conv1.conv", "fc"), (TorchvisionWeights.GoogLeNet.ImageNet1kV1.StemName, TorchvisionWeights.GoogLeNet.ImageNet1kV1.ClassifierName));
        Assert.Equal(("features.0", "classifier.6"), (TorchvisionWeights.Vgg19Bn.ImageNet1kV1.StemName, TorchvisionWeights.Vgg19Bn.ImageNet1kV1.ClassifierName));
    }

    [Fact]
    public void CategoriesAreTheThousandImageNetNames()
    {
        IReadOnlyList<string> names = ImageNetCategories.All;
        Assert.Equal(1000, names.Count);
        Assert.Equal(1000, names.Distinct().Count());
        Assert.Equal("tench", names[0]);
        Assert.Equal("crane bird", names[134]);
        Assert.Equal("bull mastiff", names[243]);
        Assert.Equal("toilet tissue", names[999]);
        string[] shared = File.ReadAllText(RepoPaths.SharedData("labels", "imagenet_classes.txt")).Split('\n');
        // torchvision renames WordNet's two duplicates; every other name equals the shared list.
        Assert.Equal(new[] { 134, 639 }, Enumerable.Range(0, 1000).Where(i => shared[i] != names[i]));
        Assert.Equal(1000, TorchvisionWeights.ResNet18.ImageNet1kV1.NumClasses);
    }

    [Fact]
    public void ConflictingNumClassesIsAnErrorNotAnOverride()
    {
        PretrainedWeights w = TorchvisionWeights.ResNet18.ImageNet1kV1;
        var ex = Assert.Throws<ArgumentException>(() => PretrainedLoader.ImpliedOptions(w, new ModelOptions { NumClasses = 10 }));
        Assert.Contains("1000 classes", ex.Message);
        Assert.Contains("got 10", ex.Message);
        Assert.Throws<ArgumentException>(() => PretrainedLoader.ImpliedOptions(w, new ModelOptions { InChannels = 1 }));
        Assert.Equal(1000, PretrainedLoader.ImpliedOptions(w, new ModelOptions { NumClasses = 1000 }).NumClasses);
        Assert.Equal((1000, 3), (PretrainedLoader.ImpliedOptions(w).NumClasses, PretrainedLoader.ImpliedOptions(w).InChannels));
        // Checked before any file is looked for: no cache or network is touched.
        using var temp = new TempDir();
        var options = new PretrainedOptions { Model = new ModelOptions { NumClasses = 10 }, Cache = new WeightsCacheOptions { Home = temp.Path, UseTorchHubCache = false, Offline = true } };
        Assert.Throws<ArgumentException>(() => PretrainedLoader.Create("resnet18", "DEFAULT", options));
        Assert.Throws<ArgumentException>(() => Zoo.Create("resnet18", "IMAGENET1K_V1", new ModelOptions { NumClasses = 10 }));
    }
}
