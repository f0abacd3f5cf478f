using ModelZoo.Cam.Methods;
using ModelZoo.Cam.Tests.Support;
using ModelZoo.Models;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Methods;

/// <summary>For a GAP + linear head, ∂y_c/∂A_k(i, j) = w_k^c / (h·w) everywhere, so Grad-CAM = CAM / (h·w) and the
/// normalised maps are identical.</summary>
public sealed class IdentityTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Models() => new[]
    {
        new object[] { "resnet18", 96 }, new object[] { "googlenet", 96 }, new object[] { "resnet20-cifar", 32 },
    };

    [Theory, MemberData(nameof(Models))]
    public void Cam_and_GradCam_give_the_same_normalised_map(string name, int size)
    {
        using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = 10 });
        DeterministicFill.Fill(model, name == "googlenet" ? Math.Sqrt(2) : 1.0);
        using var scope = torch.NewDisposeScope();
        Tensor input = DeterministicFill.Input(3, 3, size, size);
        using var cam = new ClassicCam(model);
        using var gradCam = new GradCam(model);
        IReadOnlyList<CamResult> a = cam.Compute(input);                 // the predicted classes
        int[] classes = a.Select(r => r.ClassIndex).ToArray();
        IReadOnlyList<CamResult> b = gradCam.Compute(input, classes);
        double worst = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            Assert.Equal(classes[i], a[i].ClassIndex);
            Assert.Equal((size, size), (a[i].Map.Width, a[i].Map.Height));
            Assert.True(a[i].Map.Max - a[i].Map.Min > 0.5, "the map should not be flat");
            worst = Math.Max(worst, a[i].Map.Values.Zip(b[i].Map.Values, (x, y) => Math.Abs(x - y)).Max());
            // Raw maps: Grad-CAM's is CAM's divided by the number of positions.
            CamMap rawCam = a[i].RawMaps[0], rawGrad = b[i].RawMaps[0];
            int positions = rawCam.Width * rawCam.Height;
            double scale = rawCam.Values.Max(Math.Abs);
            Assert.All(rawCam.Values.Zip(rawGrad.Values), p => Assert.True(Math.Abs(p.First / positions - p.Second) <= 1e-5 * scale / positions));
        }
        output.WriteLine($"{name} {size}x{size}: max |CAM - Grad-CAM| over 3 normalised maps = {worst:G3}");
        Assert.True(worst <= 1e-5, $"max difference {worst}");
    }

    [Fact]
    public void Heads_are_recognised_from_the_model_contract()
    {
        foreach (string name in new[] { "resnet18", "googlenet", "resnet20-cifar" })
        {
            using ImageClassifier model = Zoo.Create(name, new ModelOptions { NumClasses = 10 });
            Assert.True(GapLinearHead.Matches(model), name);
        }
        using (ImageClassifier lenet = Zoo.Create("lenet5"))
        {
            Assert.Null(GapLinearHead.Find(lenet, out string reason));
            Assert.NotEmpty(reason);
        }
        using (ImageClassifier alexnet = Zoo.Create("alexnet", new ModelOptions { NumClasses = 10 }))
            Assert.False(GapLinearHead.Matches(alexnet));
        Assert.True(GapLinearHead.Matches(TinyNet.Gap()));
        Assert.False(GapLinearHead.Matches(TinyNet.Flat(16)));
    }

    [Fact]
    public void Plain_cam_on_a_model_without_a_gap_linear_head_suggests_GradCam()
    {
        foreach (ImageClassifier model in new ImageClassifier[] { Zoo.Create("lenet5"), Zoo.Create("alexnet", new ModelOptions { NumClasses = 10 }), TinyNet.Flat(16) })
        {
            using (model)
            {
                var ex = Assert.Throws<NotSupportedException>(() => new ClassicCam(model));
                Assert.Contains("Grad-CAM", ex.Message);
                Assert.Contains(model.GetName(), ex.Message);
                Assert.DoesNotContain('\n', ex.Message);
            }
        }
    }
}
