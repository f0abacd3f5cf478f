using ModelZoo.Cam.Methods;
using ModelZoo.Cam.Tests.Support;
using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Bench;

/// <summary>Consecutive Grad-CAM calls on one model: the RSS after every tenth of the calls against the RSS after a
/// warm-up of 50 calls, and the forward hooks left on the model afterwards. Each reading follows a full garbage
/// collection, so the managed garbage of the results (arrays, collected whenever .NET chooses) does not count as native
/// growth. Passes when the RSS stays within 5 % and no hook remains.</summary>
internal static class CamMemoryBench
{
    public static int Run(string modelName, int size, int calls)
    {
        using ImageClassifier model = Zoo.Create(modelName, new ModelOptions { Seed = 0 });
        using Tensor input = torch.rand(new long[] { 1, model.InChannels, size, size }, generator: new Generator(1));
        using var gradCam = new GradCam(model);
        for (int i = 0; i < 50; i++) gradCam.Compute(input);
        double first = Settled();
        Console.WriteLine($"cam-memory: {modelName} 1x{model.InChannels}x{size}x{size}, {calls} Grad-CAM calls after 50 warm-up; RSS {first:F1} MiB");
        var rss = new List<double>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 1; i <= calls; i++)
        {
            gradCam.Compute(input);
            if (i % Math.Max(1, calls / 10) == 0)
            {
                rss.Add(Settled());
                Console.WriteLine($"  after {i,4} calls: RSS {rss[^1]:F1} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB, " +
                                  $"live tensors {Tensor.TotalCount}, {clock.Elapsed.TotalSeconds:F1} s");
            }
        }
        int hooks = HookCount.Of(model);
        double worst = Math.Max(rss.Max() / first - 1, 1 - rss.Min() / first) * 100;
        bool ok = worst <= 5 && hooks == 0;
        Console.WriteLine($"  RSS range {rss.Min():F1}..{rss.Max():F1} MiB, largest deviation {worst:F2}% (limit 5%); hooks left {hooks} -> {(ok ? "PASS" : "FAIL")}");
        return ok ? 0 : 1;
    }

    private static double Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Rss.MiB();
    }
}
