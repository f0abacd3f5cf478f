using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.LeNets;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.ResNets;
using ModelZoo.Models.Resolution;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;
using ModelZoo.Models.Weights.SafetensorsFormat;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Resolution;

/// <summary>The resolver turns each kind of name into a model, its preprocessing and its labels, and bad names into one
/// clear line (training checkpoints: tests/Training.Tests/Resolution, which can write them).</summary>
public sealed class ModelResolverTests
{
    private static string LeNetPth => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");

    private static bool SameOutputs(ImageClassifier a, ImageClassifier b, params long[] inputShape)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        a.eval();
        b.eval();
        Tensor x = torch.randn(inputShape);
        return a.call(x).allclose(b.call(x), 0, 0);
    }

    [Fact]
    public void A_catalog_name_gives_the_cached_file_its_preset_and_the_imagenet_labels()
    {
        using var temp = new TempDir();
        PretrainedWeights entry = TorchvisionWeights.ResNet18.ImageNet1kV1;
        using ResNet source = ResNetBuilders.ResNet18(seed: 4);
        var cache = new WeightsCacheOptions { Home = temp.Path, UseTorchHubCache = false, Offline = true };
        string cached = Path.Combine(temp.Path, "checkpoints", entry.FileName);   // placed where a download would put it
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        Safetensors.Save(cached, source.state_dict());

        using ResolvedModel resolved = ModelResolver.Resolve("resnet18", "DEFAULT", new ResolveOptions { Cache = cache });

        Assert.Equal(WeightsSource.Catalog, resolved.Source);
        Assert.Equal(cached, resolved.File);
        Assert.Same(entry, resolved.Catalog);
        Assert.Equal("resnet18 IMAGENET1K_V1", resolved.Description);
        Assert.Equal(entry.Preset, resolved.Preprocessing);
        Assert.True(resolved.PreprocessingKnown);
        Assert.Equal(1000, resolved.Labels!.Count);
        Assert.Equal("tench", resolved.Labels[0]);
        Assert.True(resolved.LoadResult!.IsExact, resolved.LoadResult.ToString());
        Assert.Equal((1000, 3), (resolved.Options.NumClasses, resolved.Options.InChannels));
        Assert.True(SameOutputs(source, resolved.Model, 1, 3, 64, 64));

        // Weights imply options: a conflicting class count is an error, not a silent override.
        var conflict = Assert.Throws<ArgumentException>(() =>
            ModelResolver.Resolve("resnet18", "IMAGENET1K_V1", new ResolveOptions { Cache = cache, Model = new ModelOptions { NumClasses = 5 } }));
        Assert.Contains("NumClasses must be unset or 1000", conflict.Message);
    }

    [Fact]
    public void A_pth_file_is_built_for_the_images_it_will_see()
    {
        // Without InputSize, LeNet-5 is built for 32×32 and the 28×28 file does not fit (strict loading names the key).
        Assert.Throws<StateDictLoadException>(() => ModelResolver.Resolve("lenet5", LeNetPth));

        // Told the images are 28×28 digits, the family's rule builds LeNet-5 for them.
        using ResolvedModel resolved = ModelResolver.Resolve("lenet5", LeNetPth, new ResolveOptions { Input = new InputImage(1, 28, 28) });
        Assert.Equal(WeightsSource.File, resolved.Source);
        Assert.Equal(Path.GetFullPath(LeNetPth), resolved.File);
        Assert.Equal((28, 28), resolved.Model.FixedInputSize);
        Assert.Equal(new ModelOptions { NumClasses = 10, InChannels = 1, InputSize = 28 }, resolved.Options);
        Assert.Null(resolved.Labels);   // 10 unnamed classes: named by index
        Assert.False(resolved.PreprocessingKnown);
        Assert.Equal(InferencePreset.ImageNet, resolved.Preprocessing);
        Assert.Null(resolved.Catalog);

        // The same weights through the lower-level path: identical logits.
        using var direct = new LeNet5(new LeNet5Options { InputSize = 28 });
        using (TensorDict state = WeightFile.ReadStateDict(LeNetPth)) Assert.True(StateDictLoader.Load(direct, state).IsExact);
        Assert.True(SameOutputs(direct, resolved.Model, 2, 1, 28, 28));
    }

    [Fact]
    public void A_safetensors_file_gives_its_class_count_and_a_thousand_classes_get_imagenet_labels()
    {
        using var temp = new TempDir();
        using LeNet5 seven = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28, NumClasses = 7 }, seed: 3);
        string path = temp.File("lenet7.safetensors");
        Safetensors.Save(path, seven.state_dict());

        using ResolvedModel resolved = ModelResolver.Resolve("lenet5", path, new ResolveOptions { Model = new ModelOptions { InputSize = 28 } });
        Assert.Equal(WeightsSource.File, resolved.Source);
        Assert.Equal(7, resolved.Model.NumClasses);
        Assert.Equal(7, resolved.Options.NumClasses);
        Assert.Null(resolved.Labels);
        Assert.True(SameOutputs(seven, resolved.Model, 2, 1, 28, 28));

        using ResolvedModel rgb1000 = ModelResolver.Resolve("lenet5", RepoPaths.Fixtures("pretrained", "lenet_rgb1000.pth"),
            new ResolveOptions { Model = new ModelOptions { InChannels = 3 } });
        Assert.Equal(ImageNetCategories.All, rgb1000.Labels);
    }

    [Fact]
    public void Bad_names_are_one_clear_line()
    {
        var name = Assert.Throws<KeyNotFoundException>(() => ModelResolver.Resolve("resnet50", "IMAGENET1K_V9"));
        Assert.Contains("IMAGENET1K_V9", name.Message);
        Assert.Contains("DEFAULT (= IMAGENET1K_V2), IMAGENET1K_V1, IMAGENET1K_V2", name.Message);
        Assert.DoesNotContain('\n', name.Message);

        var missing = Assert.Throws<FileNotFoundException>(() => ModelResolver.Resolve("lenet5", "no/such/weights.ckpt"));
        Assert.Contains("no/such/weights.ckpt", missing.Message);
        Assert.Contains("lenet5 has no published weights", missing.Message);
        Assert.DoesNotContain('\n', missing.Message);

        var missingWithCatalog = Assert.Throws<FileNotFoundException>(() => ModelResolver.Resolve("resnet18", "no/such/resnet.pth"));
        Assert.Contains("Weights names of resnet18: DEFAULT, IMAGENET1K_V1", missingWithCatalog.Message);

        Assert.Contains("Unknown model 'lenet'", Assert.Throws<KeyNotFoundException>(() => ModelResolver.Resolve("lenet", LeNetPth)).Message);
        Assert.Throws<ArgumentException>(() => ModelResolver.Resolve("resnet18", LeNetPth, new ResolveOptions { AuxLogits = true }));
    }
}
