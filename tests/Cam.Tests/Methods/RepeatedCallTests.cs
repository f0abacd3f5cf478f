using ModelZoo.Cam.Methods;
using ModelZoo.Cam.Tests.Support;
using ModelZoo.Models;
using ModelZoo.Models.Tests.Oracle;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Methods;

/// <summary>200 consecutive Grad-CAM calls: the same number of live tensors, no hook left, and the RSS never more than
/// 5 % above its lowest earlier reading (a leak grows; memory of earlier tests in this process being returned to the
/// system only lowers it, which is reported but not a failure).</summary>
[Collection(nameof(QuietCollection))]
public sealed class RepeatedCallTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_hundred_GradCam_calls_keep_memory_flat_and_leave_no_hook()
    {
        using ImageClassifier model = Zoo.Create("resnet20-cifar");
        DeterministicFill.Fill(model, 1.0);
        using Tensor input = DeterministicFill.Input(2, 3, 32, 32);
        using var cam = new GradCam(model);
        for (int i = 0; i < 30; i++) cam.Compute(input);   // warm-up: lazily created libtorch and allocator state
        DisposeScopeManager.Statistics.Reset();
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        double before = ProcessMemory.SettledRssMiB(), largest = before, smallest = before, rise = 0;
        for (int i = 1; i <= 200; i++)
        {
            IReadOnlyList<CamResult> results = cam.Compute(input);
            Assert.Equal(2, results.Count);
            if (i % 20 != 0) continue;
            double rss = ProcessMemory.SettledRssMiB();
            rise = Math.Max(rise, rss / smallest - 1);
            (largest, smallest) = (Math.Max(largest, rss), Math.Min(smallest, rss));
        }
        output.WriteLine($"RSS {before:F1} MiB after warm-up, {smallest:F1}..{largest:F1} MiB over 200 calls " +
                         $"(deviation from the first reading {Math.Max(largest / before - 1, 1 - smallest / before) * 100:F2}%); largest rise {rise * 100:F2}%");
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(0, HookCount.Of(model));
        Assert.True(rise <= 0.05, $"RSS rose {rise * 100:F2}% over 200 calls");
    }
}
