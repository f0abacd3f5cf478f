using System.Diagnostics;
using ModelZoo.Models.Inference;
using ModelZoo.Training;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Bench.Models;

/// <summary>
/// The real PyTorch LeNet-5 checkpoint (../shared/data/checkpoints/fyh620-lenet, 9,813/10,000 on MNIST t10k in float32)
/// evaluated on all of t10k through the public <see cref="EvaluateJob"/>, as `modelzoo evaluate` runs it: plain, through
/// the fp32 fast path and through the fast path in bfloat16. Issue 11 asks for bf16 within ±5 images of 9,813.
/// </summary>
internal static class LeNetAccuracy
{
    public const int Expected = 9813, Tolerance = 5;

    internal sealed record Result(string Variant, int Correct, int Count, double Seconds);

    public static IReadOnlyList<Result> Measure(string checkpoint, string mnistDir)
    {
        var results = new List<Result>();
        foreach ((string name, InferenceOptions inference) in new[]
        {
            ("plain fp32", InferenceOptions.Plain),
            ("fast fp32", InferenceOptions.Default),
            ("fast bf16", new InferenceOptions { Precision = InferencePrecision.Bf16 }),
        })
        {
            var clock = Stopwatch.StartNew();
            EvaluationResult r = EvaluateJob.Run(new EvaluateJobOptions
            {
                Model = "lenet5", Weights = checkpoint, Dataset = "mnist", DataDirectory = mnistDir, Inference = inference,
            }).Evaluation;
            results.Add(new Result(name, r.Correct, r.Count, clock.Elapsed.TotalSeconds));
        }
        return results;
    }
}
