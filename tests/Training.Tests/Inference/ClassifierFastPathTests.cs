using ModelZoo.Data.Imaging;
using ModelZoo.Models;
using ModelZoo.Models.Inference;
using ModelZoo.Training.Inference;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Inference;

/// <summary>The Classifier predicts through the inference fast path by default (issue 11): same logits as the plain
/// model, a copy taken at construction, an opt-out, and the plain model when a copy cannot be made.</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class ClassifierFastPathTests
{
    private static readonly double[] s_mean = { 0.485, 0.456, 0.406 }, s_std = { 0.229, 0.224, 0.225 };

    private static ImageBuffer[] Images(int count, int size)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new byte[size * size * 3];
            random.NextBytes(pixels);
            return new ImageBuffer(size, size, 3, pixels);
        }).ToArray();
    }

    [Fact]
    public void Default_classifier_folds_and_matches_the_plain_model_and_snapshots_the_weights()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 10 });
        using (torch.no_grad())
            foreach (BatchNorm2d bn in model.modules().OfType<BatchNorm2d>())
            {
                bn.running_mean!.normal_(0, 0.3);
                bn.running_var!.uniform_(0.5, 2.0);
            }
        ImageBuffer[] images = Images(3, 48);
        using var fast = new Classifier(model, InferenceTransforms.ScaleAndNormalize(s_mean, s_std));
        using var plain = new Classifier(model, InferenceTransforms.ScaleAndNormalize(s_mean, s_std), inference: InferenceOptions.Plain);

        Assert.True(fast.Inference.IsCopy);
        Assert.Equal(20, fast.Inference.FoldedBatchNorms);
        Assert.Same(model, plain.Inference.Model);
        Tensor a = fast.Logits(images), b = plain.Logits(images);
        Assert.True(a.sub(b).abs().max().item<float>() <= 1e-4);
        Assert.Equal(plain.PredictBatch(images, 3).Select(p => p.Select(x => x.Index)), fast.PredictBatch(images, 3).Select(p => p.Select(x => x.Index)));

        // The fast path works on the copy made at construction: later weight changes reach only the plain classifier.
        using (torch.no_grad()) ((Linear)model.GetClassifier()).bias!.add_(5f);
        Assert.True(fast.Logits(images).sub(a).abs().max().item<float>() <= 1e-6);
        Assert.True(plain.Logits(images).sub(b).abs().max().item<float>() >= 4.99);
    }

    [Fact]
    public void A_model_that_cannot_be_copied_is_run_as_it_is()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using ImageClassifier model = Zoo.Create("resnet18", new ModelOptions { NumClasses = 4 });
        // A stride-1 stem pool: no module or state_dict key changes, but the function does, so a copy rebuilt from the
        // options would compute something else; none is made and the model itself runs.
        ((MaxPool2d)ModuleSurgery.Child(model, "maxpool")).stride = new long[] { 1, 1 };
        using var classifier = new Classifier(model, InferenceTransforms.ScaleAndNormalize(s_mean, s_std));
        Assert.Same(model, classifier.Inference.Model);
        Assert.StartsWith("plain", classifier.Inference.Description);
        Assert.Equal(4, classifier.PredictBatch(Images(2, 40), 10)[0].Count);
        var ex = Assert.Throws<NotSupportedException>(() => FastInference.Optimize(model));
        Assert.Contains("computes something else", ex.Message);
    }
}
