using ModelZoo.Models.LeNets;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.TorchSharpFormat;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>TorchSharp's own weight format: our atomic save is readable by <c>Module.load</c>, files written by
/// <c>Module.save</c> read back through our validated reader, and damaged files are clear errors.</summary>
public sealed class TorchSharpWeightsTests
{
    [Fact]
    public void Save_and_load_round_trip_and_interoperate_with_Module_save_and_load()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        using var source = LeNetBuilders.LeNet5(seed: 1);
        string ours = dir.File("ours.dat");
        TorchSharpWeights.Save(source, ours);
        Assert.Single(Directory.GetFiles(dir.Path));

        using var viaTorchSharp = LeNetBuilders.LeNet5(seed: 2);
        viaTorchSharp.load(ours);
        using var viaUs = LeNetBuilders.LeNet5(seed: 3);
        Assert.True(TorchSharpWeights.Load(viaUs, ours).IsExact);

        string theirs = dir.File("theirs.dat");
        source.save(theirs);
        using TensorDict read = TorchSharpWeights.Read(theirs);
        Assert.Equal(source.state_dict().Keys.Order(), read.Keys.Order());
        foreach ((string key, Tensor expected) in source.state_dict())
        {
            Assert.True(expected.eq(read[key]).all().item<bool>(), key);
            Assert.True(expected.eq(viaTorchSharp.state_dict()[key]).all().item<bool>(), key);
            Assert.True(expected.eq(viaUs.state_dict()[key]).all().item<bool>(), key);
        }
    }

    [Fact]
    public void Truncated_or_lying_files_are_clear_errors()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        using var model = LeNetBuilders.LeNet5(seed: 1);
        string path = dir.File("w.dat");
        TorchSharpWeights.Save(model, path);
        byte[] bytes = File.ReadAllBytes(path);
        string cut = dir.File("cut.dat");
        for (int length = 0; length < bytes.Length; length += 4999)
        {
            File.WriteAllBytes(cut, bytes[..length]);
            var ex = Assert.Throws<InvalidDataException>(() => TorchSharpWeights.Read(cut));
            Assert.StartsWith(cut, ex.Message);
        }
        File.WriteAllBytes(cut, [0xff, 0xff, 0xff, 0x7f]);
        Assert.Contains("more than the file could hold", Assert.Throws<InvalidDataException>(() => TorchSharpWeights.Read(cut)).Message);
    }
}
