using System.Text.Json;
using ModelZoo.Cam.Methods;
using ModelZoo.Models;
using ModelZoo.Models.ResNets;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Methods;

/// <summary>CAM and Grad-CAM of torchvision's ResNet-18 at layer4 against maps computed with real PyTorch 1.13 by an
/// independent implementation (tests/fixtures/cam/make_cam_fixtures.py), on the same formula weights and input.</summary>
public sealed class TorchvisionFixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void Cam_and_GradCam_of_resnet18_layer4_equal_pytorch()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("cam", "resnet18_layer4.json")));
        JsonElement root = doc.RootElement;
        int[] sample = root.GetProperty("sample").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int[] top = root.GetProperty("top").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(top, root.GetProperty("cases").GetProperty("cam_top").GetProperty("classes").EnumerateArray().Select(e => e.GetInt32()));
        using ResNet model = ResNetBuilders.ResNet18();
        DeterministicFill.Fill(model, root.GetProperty("weight_gain").GetDouble());
        using var scope = torch.NewDisposeScope();
        Tensor input = DeterministicFill.Input(root.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        using var cam = new ClassicCam(model, new CamOptions { TargetLayers = new[] { "layer4" } });
        using var gradCam = new GradCam(model, new CamOptions { TargetLayers = new[] { "layer4" } });
        foreach (JsonProperty c in root.GetProperty("cases").EnumerateObject())
        {
            CamBase method = c.Name.StartsWith("cam_", StringComparison.Ordinal) ? cam : gradCam;
            int[] classes = c.Value.GetProperty("classes").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            IReadOnlyList<CamResult> results = c.Name.EndsWith("_top", StringComparison.Ordinal) ? method.Compute(input) : method.Compute(input, classes);
            float[] raw = c.Value.GetProperty("raw").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            float[] map = c.Value.GetProperty("map").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            double rawScale = raw.Max(Math.Abs), rawDiff = 0, mapDiff = 0;
            for (int n = 0; n < results.Count; n++)
            {
                Assert.Equal(classes[n], results[n].ClassIndex);
                CamMap r = results[n].RawMaps[0];
                Assert.Equal((7, 7), (r.Width, r.Height));
                for (int i = 0; i < 49; i++) rawDiff = Math.Max(rawDiff, Math.Abs(r.Values[i] - raw[n * 49 + i]));
                for (int y = 0; y < sample.Length; y++)
                    for (int x = 0; x < sample.Length; x++)
                        mapDiff = Math.Max(mapDiff, Math.Abs(results[n].Map[sample[y], sample[x]] - map[(n * sample.Length + y) * sample.Length + x]));
            }
            output.WriteLine($"{c.Name}: classes [{string.Join(", ", classes)}]; max |raw - torch| = {rawDiff:G3} (raw scale {rawScale:G3}); max |map - torch| = {mapDiff:G3} over {results.Count}x{sample.Length}² points");
            Assert.True(rawDiff <= 1e-4 * rawScale, $"{c.Name}: raw maps differ by {rawDiff}");
            Assert.True(mapDiff <= 1e-4, $"{c.Name}: maps differ by {mapDiff}");
        }
    }
}
