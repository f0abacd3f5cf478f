using System.Text.Json;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>Tensor transforms and the ImageNet eval preset against torchvision 0.14 (transform_cases.json).</summary>
public sealed class TensorOracleTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in OracleCases.Names(op => op is "to_tensor" or "normalize" or "to_dtype" or "erase" or "imagenet_eval")) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTorchvision(string name)
    {
        using var scope = torch.NewDisposeScope();
        JsonElement c = OracleCases.Case(name);
        ImageBuffer img = c.Input();
        JsonElement p = c.Params();
        Tensor expected = OracleCases.ToTensor(c.Output());
        Tensor actual = c.Op() switch
        {
            "to_tensor" => ToTensor.ToFloatTensor(img),
            "normalize" => new Normalize(p.Doubles("mean"), p.Doubles("std")).Apply(ToTensor.ToFloatTensor(img), new Random(0)),
            "to_dtype" when p.GetProperty("from").GetString() == "uint8" =>
                new ToDtype(ScalarType.Float32, scale: true).Apply(ToTensor.ToByteTensor(img), new Random(0)),
            "to_dtype" => new ToDtype(ScalarType.Byte, scale: true).Apply(ToTensor.ToFloatTensor(img) * 0.999 + 0.0004, new Random(0)).to_type(ScalarType.Float32),
            "erase" => RandomErasing.Erase(ToTensor.ToFloatTensor(img),
                new RandomErasing.Params(true, p.Int("i"), p.Int("j"), p.Int("h"), p.Int("w"), p.Doubles("value").Select(v => (float)v).ToArray())),
            "imagenet_eval" => (Tensor)Presets.ImageNetEval(p.Int("resize"), p.Int("crop")).Apply(img, new Random(0)),
            _ => throw new InvalidDataException(c.Op()),
        };
        Assert.Equal(expected.shape, actual.shape);
        double maxDiff = (actual - expected).abs().max().item<float>();
        // float32 arithmetic: torchvision's to_tensor divides by 255 like ours; normalise reorders (x − m)/s; ≤ 1 ulp-ish.
        Assert.True(maxDiff <= 1e-6, $"{name}: max |diff| {maxDiff:E2}");
    }
}
