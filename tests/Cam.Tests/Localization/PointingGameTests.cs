using ModelZoo.Cam.Methods;
using ModelZoo.Cam.Tests.Support;
using ModelZoo.Data.Datasets.Tensors;
using ModelZoo.Data.Loading;
using ModelZoo.Models;
using ModelZoo.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Localization;

/// <summary>
/// The pointing game: small CNNs trained with our Trainer on <see cref="SyntheticCanvas"/> (the object's place is never
/// given); for the true class the peak of the explanation must fall inside the object's box on the held-out images that
/// hold an object — CAM on a GAP network for ≥ 90 %, Grad-CAM on a VGG-style flatten network for ≥ 80 %.
/// </summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class PointingGameTests(ITestOutputHelper output)
{
    private const int Train = 1200, HeldOut = 200;

    [Fact]
    public void Cam_peaks_inside_the_object_on_a_gap_network()
    {
        torch.manual_seed(1);
        using TinyNet model = TinyNet.Gap(inChannels: 3, classes: SyntheticCanvas.Classes, width: 8);
        double accuracy = Fit(model);
        double hits = Pointing(new ClassicCam(model), out double gradCamHits, model);
        output.WriteLine($"GAP CNN: held-out accuracy {accuracy:P1}; CAM peak inside the box {hits:P1}, Grad-CAM {gradCamHits:P1} of the held-out images with an object");
        Assert.True(accuracy >= 0.9, $"the network should learn the task first (accuracy {accuracy:P1})");
        Assert.True(hits >= 0.90, $"CAM pointing game {hits:P1} < 90 %");
    }

    [Fact]
    public void GradCam_peaks_inside_the_object_on_a_flatten_network()
    {
        torch.manual_seed(2);
        using TinyNet model = TinyNet.Flat(SyntheticCanvas.Size, inChannels: 3, classes: SyntheticCanvas.Classes, width: 8);
        double accuracy = Fit(model);
        double hits = Pointing(new GradCam(model), out _, null);
        output.WriteLine($"VGG-style CNN: held-out accuracy {accuracy:P1}; Grad-CAM peak inside the box {hits:P1} of the held-out images with an object");
        Assert.True(accuracy >= 0.9, $"the network should learn the task first (accuracy {accuracy:P1})");
        Assert.True(hits >= 0.80, $"Grad-CAM pointing game {hits:P1} < 80 %");
    }

    private static double Fit(ImageClassifier model)
    {
        (Tensor images, Tensor labels, _) = SyntheticCanvas.Make(Train, seed: 11);
        (Tensor testImages, Tensor testLabels, _) = SyntheticCanvas.Make(HeldOut, seed: 12);
        using var train = new TensorDataset(images, labels);
        using var test = new TensorDataset(testImages, testLabels);
        images.Dispose(); labels.Dispose(); testImages.Dispose(); testLabels.Dispose();
        var trainer = new Trainer(new TrainerOptions { Epochs = 5, Optimizer = OptimizerKind.Adam, LearningRate = 3e-3, Device = "cpu", Seed = 3 });
        TrainingResult result = trainer.Fit(model,
            new DataLoader(train, null, new DataLoaderOptions { BatchSize = 32, Shuffle = true, Seed = 4 }),
            new DataLoader(test, null, new DataLoaderOptions { BatchSize = 100 }));
        return result.Last.EvalAccuracy ?? 0;
    }

    /// <summary>Share of held-out images whose map peak lies in the object's box (also for Grad-CAM when a model is given).</summary>
    private static double Pointing(CamBase method, out double gradCamHits, ImageClassifier? alsoGradCam)
    {
        (Tensor images, Tensor labels, (int X, int Y)?[] boxes) = SyntheticCanvas.Make(HeldOut, seed: 12);
        int[] objects = Enumerable.Range(0, HeldOut).Where(i => boxes[i] is not null).ToArray();
        using (images)
        using (labels)
        using (method)
        {
            int[] truth = labels.data<long>().Select(l => (int)l).ToArray();
            IReadOnlyList<CamResult> maps = method.Compute(images, truth);
            gradCamHits = 0;
            if (alsoGradCam is not null)
            {
                using var gradCam = new GradCam(alsoGradCam);
                IReadOnlyList<CamResult> g = gradCam.Compute(images, truth);
                gradCamHits = (double)objects.Count(i => SyntheticCanvas.InBox(boxes[i]!.Value, g[i].Peak)) / objects.Length;
            }
            return (double)objects.Count(i => SyntheticCanvas.InBox(boxes[i]!.Value, maps[i].Peak)) / objects.Length;
        }
    }
}
