using System.Text.Json;

namespace ModelZoo.Models.Tests.Support;

/// <summary>Expected logits written by tests/fixtures/models/forward/make_classic_forward.py (torchvision 0.14).</summary>
internal sealed record ForwardFixture(string Model, long[] InputShape, float[][] Logits)
{
    public static ForwardFixture Load(string model)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("models", "forward", model + ".json")));
        JsonElement root = doc.RootElement;
        long[] shape = root.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        float[][] logits = root.GetProperty("logits").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray()).ToArray();
        return new ForwardFixture(root.GetProperty("model").GetString()!, shape, logits);
    }
}
