using System.Text.Json;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Oracle;

/// <summary>Readers for the torchvision oracle fixtures under tests/fixtures/models.</summary>
internal static class OracleFixtures
{
    /// <summary>keys/&lt;name&gt;.txt: "key [d0, d1, ...]" per state_dict entry, in torchvision's order.</summary>
    public static IReadOnlyList<string> Keys(string name) =>
        File.ReadAllLines(RepoPaths.Fixtures("models", "keys", name + ".txt")).Where(l => l.Length > 0).ToArray();

    /// <summary>Our state_dict in the same "key [shape]" form.</summary>
    public static IReadOnlyList<string> Describe(nn.Module model) =>
        model.state_dict().Select(e => $"{e.Key} [{string.Join(", ", e.Value.shape)}]").ToArray();

    /// <summary>forward/&lt;case&gt;.json.</summary>
    public static ForwardFixture Forward(string name)
    {
        using FileStream stream = File.OpenRead(RepoPaths.Fixtures("models", "forward", name + ".json"));
        using JsonDocument doc = JsonDocument.Parse(stream);
        JsonElement root = doc.RootElement;
        long[] shape = root.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var outputs = new Dictionary<string, float[][]>();
        foreach (JsonProperty output in root.GetProperty("outputs").EnumerateObject())
            outputs[output.Name] = output.Value.EnumerateArray()
                .Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        return new ForwardFixture(root.GetProperty("model").GetString()!, root.GetProperty("weight_gain").GetDouble(), shape, outputs);
    }

    /// <summary>init/&lt;case&gt;.json: per state_dict entry of a seeded torchvision build, (key, sum, sum of squares, first values).</summary>
    public static IReadOnlyList<InitEntry> Init(string name)
    {
        using FileStream stream = File.OpenRead(RepoPaths.Fixtures("models", "init", name + ".json"));
        using JsonDocument doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("entries").EnumerateArray().Select(e => new InitEntry(
            e[0].GetString()!, e[1].GetDouble(), e[2].GetDouble(), e[3].EnumerateArray().Select(v => v.GetDouble()).ToArray())).ToArray();
    }

    /// <summary>Asserts that <paramref name="model"/>'s state equals a seeded torchvision build entry by entry:
    /// same keys in order, same sums and sums of squares, same first values.</summary>
    public static void AssertInitMatches(nn.Module model, string fixture)
    {
        IReadOnlyList<InitEntry> expected = Init(fixture);
        KeyValuePair<string, Tensor>[] actual = model.state_dict().ToArray();
        Assert.Equal(expected.Select(e => e.Key), actual.Select(a => a.Key));
        for (int i = 0; i < expected.Count; i++)
        {
            InitEntry e = expected[i];
            using Tensor d = actual[i].Value.detach().to_type(ScalarType.Float64).flatten();
            double sum = d.sum().item<double>();
            using Tensor squared = d * d;
            double sumSq = squared.sum().item<double>();
            double[] first = d.data<double>().Take(e.First.Length).ToArray();
            Assert.True(Math.Abs(sum - e.Sum) <= 1e-6 + 1e-6 * Math.Abs(e.Sum), $"{e.Key}: sum {sum} vs torchvision {e.Sum}");
            Assert.True(Math.Abs(sumSq - e.SumOfSquares) <= 1e-6 + 1e-6 * e.SumOfSquares, $"{e.Key}: sum of squares {sumSq} vs torchvision {e.SumOfSquares}");
            for (int j = 0; j < first.Length; j++)
                Assert.True(Math.Abs(first[j] - e.First[j]) <= 1e-7, $"{e.Key}[{j}]: {first[j]} vs torchvision {e.First[j]}");
        }
    }

    /// <summary>Largest absolute difference between <paramref name="actual"/> ([N, C]) and the expected rows.</summary>
    public static double MaxAbsDiff(Tensor actual, float[][] expected)
    {
        Assert.Equal(new long[] { expected.Length, expected[0].Length }, actual.shape);
        float[] got = actual.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
        double max = 0;
        int cols = expected[0].Length;
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < cols; c++)
                max = Math.Max(max, Math.Abs(got[r * cols + c] - expected[r][c]));
        return max;
    }
}

/// <summary>One entry of an init fixture.</summary>
internal sealed record InitEntry(string Key, double Sum, double SumOfSquares, double[] First);

/// <summary>One forward fixture: the torchvision model name, the fill gain, the input shape and the outputs by name.</summary>
internal sealed record ForwardFixture(string Model, double WeightGain, long[] InputShape, IReadOnlyDictionary<string, float[][]> Outputs);
