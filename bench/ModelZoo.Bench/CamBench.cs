using System.Diagnostics;
using ModelZoo.Cam;
using ModelZoo.Cam.Methods;
using ModelZoo.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Bench;

/// <summary>
/// What explanations cost on the CPU, relative to the model itself: per round (order rotated between rounds, so load
/// changes hit every variant alike) a plain forward (eval, no_grad), CAM, a forward + backward (eval, gradients of the
/// top logit with respect to every parameter, as in a training step) and Grad-CAM; then Score-CAM, batched. Medians
/// over the rounds; the acceptance ratios are CAM / forward ≤ 1.10 and Grad-CAM / (forward + backward) ≤ 1.15.
/// </summary>
internal static class CamBench
{
    public static int Run(string modelName, int size, int batch, int rounds, int scoreCamBatch)
    {
        using ImageClassifier model = Zoo.Create(modelName, new ModelOptions { Seed = 0 });
        model.eval();
        using Tensor input = torch.rand(new long[] { batch, model.InChannels, size, size }, generator: new Generator(1));
        using var cam = new ClassicCam(model);
        using var gradCam = new GradCam(model);
        var variants = new (string Name, Action Run)[]
        {
            ("forward", () => { using var s = torch.NewDisposeScope(); using var g = torch.no_grad(); model.call(input); }),
            ("cam", () => cam.Compute(input)),
            ("forward+backward", () =>
            {
                using var s = torch.NewDisposeScope();
                Tensor logits = model.call(input);
                logits.gather(1, logits.argmax(1).unsqueeze(1)).sum().backward();
                model.zero_grad();
            }),
            ("gradcam", () => gradCam.Compute(input)),
        };
        Console.WriteLine($"cam: {modelName} {batch}x{model.InChannels}x{size}x{size}, {torch.get_num_threads()} libtorch thread(s), {rounds} rounds (+1 warm-up)");
        foreach ((_, Action run) in variants) run();
        var times = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (int r = 0; r < rounds; r++)
            for (int i = 0; i < variants.Length; i++)
            {
                (string name, Action run) = variants[(i + r) % variants.Length];
                var clock = Stopwatch.StartNew();
                run();
                times[name].Add(clock.Elapsed.TotalMilliseconds);
            }
        double Median(string name) => times[name].Order().ElementAt(times[name].Count / 2);
        foreach ((string name, _) in variants)
            Console.WriteLine($"  {name,-17} median {Median(name),9:F1} ms   (min {times[name].Min():F1}, max {times[name].Max():F1})");
        double camRatio = Median("cam") / Median("forward"), gradRatio = Median("gradcam") / Median("forward+backward");
        Console.WriteLine($"  CAM / forward               = {camRatio:F3}  (acceptance <= 1.10) {(camRatio <= 1.10 ? "PASS" : "FAIL")}");
        Console.WriteLine($"  Grad-CAM / forward+backward = {gradRatio:F3}  (acceptance <= 1.15) {(gradRatio <= 1.15 ? "PASS" : "FAIL")}");

        using var scoreCam = new ScoreCam(model, new CamOptions { ScoreCamBatchSize = scoreCamBatch });
        var scoreClock = Stopwatch.StartNew();
        scoreCam.Compute(input);
        double scoreMs = scoreClock.Elapsed.TotalMilliseconds;
        long channels = model.FeatureInfo[^1].Channels;
        Console.WriteLine($"  scorecam (masks batched by {scoreCamBatch}): {scoreMs:F0} ms = {scoreMs / Median("forward"):F1} forwards for {channels * batch} masked images " +
                          $"({scoreMs / (channels * batch):F2} ms per masked image)");
        return camRatio <= 1.10 && gradRatio <= 1.15 ? 0 : 1;
    }
}
