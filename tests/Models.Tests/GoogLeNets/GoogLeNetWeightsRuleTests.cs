using ModelZoo.Models.GoogLeNets;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Resolution;
using ModelZoo.Models.Weights.SafetensorsFormat;

namespace ModelZoo.Models.Tests.GoogLeNets;

/// <summary>GoogLeNet's weights rule lives in its family: torchvision's file builds the model without its untrained aux
/// heads and with transform_input (unless asked otherwise); a plain file gets heads exactly when it has them.</summary>
public sealed class GoogLeNetWeightsRuleTests
{
    private static GoogLeNetOptions Options(ImageClassifier model) => Assert.IsType<GoogLeNet>(model).Options;

    [Fact]
    public void Catalog_weights_drop_the_aux_heads_and_transform_the_input_unless_asked()
    {
        using var temp = new TempDir();
        PretrainedWeights entry = TorchvisionWeights.GoogLeNet.ImageNet1kV1;
        string cached = Path.Combine(temp.Path, "checkpoints", entry.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        using (GoogLeNet published = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { InitWeights = false }))   // aux heads in the file, as torchvision's
            Safetensors.Save(cached, published.state_dict());
        var cache = new WeightsCacheOptions { Home = temp.Path, UseTorchHubCache = false, Offline = true };

        using (ResolvedModel plain = ModelResolver.Resolve("googlenet", "DEFAULT", new ResolveOptions { Cache = cache }))
        {
            Assert.Equal((false, true), (Options(plain.Model).AuxLogits, Options(plain.Model).TransformInput));
            Assert.DoesNotContain(plain.Model.state_dict().Keys, k => k.StartsWith("aux1.", StringComparison.Ordinal));
            Assert.True(plain.LoadResult!.IsExact, plain.LoadResult.ToString());
        }
        using (ResolvedModel aux = ModelResolver.Resolve("googlenet", "DEFAULT", new ResolveOptions { Cache = cache, AuxLogits = true, TransformInput = false }))
            Assert.Equal((true, false), (Options(aux.Model).AuxLogits, Options(aux.Model).TransformInput));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_plain_file_gets_aux_heads_exactly_when_it_has_them(bool withAux)
    {
        using var temp = new TempDir();
        string path = temp.File("googlenet.safetensors");
        using (GoogLeNet source = GoogLeNetBuilders.GoogLeNet(new GoogLeNetOptions { NumClasses = 4, AuxLogits = withAux, InitWeights = false }))
            Safetensors.Save(path, source.state_dict());

        using ResolvedModel resolved = ModelResolver.Resolve("googlenet", path);
        Assert.Equal((withAux, false), (Options(resolved.Model).AuxLogits, Options(resolved.Model).TransformInput));
        Assert.Equal(4, resolved.Model.NumClasses);
        Assert.True(resolved.LoadResult!.IsExact, resolved.LoadResult.ToString());
    }
}
