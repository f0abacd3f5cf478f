using ModelZoo.Core.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;
using ModelZoo.Data.Imaging;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.ResNets;
using ModelZoo.Onnx.Export;
using ModelZoo.Training.Inference;
using static TorchSharp.torch;

namespace ModelZoo.Onnx.Tests;

/// <summary>An exported resnet18 in an ML.NET pipeline (<c>ApplyOnnxModel</c>) scores dog.jpg as our <see cref="Classifier"/>
/// does: same top-5 classes and logits to 1e-4 (the README's ML.NET example, as a test).</summary>
[Collection(nameof(GlobalRngCollection))]
public sealed class MlNetPipelineTests
{
    public sealed class ImageInput
    {
        [ColumnName("input"), VectorType(1, 3, 224, 224)]
        public float[] Pixels { get; set; } = [];
    }

    public sealed class Scores
    {
        [ColumnName("logits"), VectorType(1, 1000)]
        public float[] Logits { get; set; } = [];
    }

    [Fact]
    public void MlNetPipelineGivesTheClassifiersTop5()
    {
        using var dir = RepoPaths.NewTempDir();
        string image = RepoPaths.SharedData("images", "dog.jpg");
        using ResNet resnet = ResNetBuilders.ResNet18(new() { NumClasses = 1000 }, seed: 0);
        Calibration.BatchNorm(resnet, new long[] { 1, 3, 224, 224 });
        string onnx = dir.File("resnet18.onnx");
        OnnxExport.Save(resnet, onnx, new OnnxExportOptions { ModelName = "resnet18", Labels = ImageNetCategories.All, Preprocessing = InferencePreset.ImageNet });

        var classifier = new Classifier(resnet, InferenceTransforms.FromPreset(InferencePreset.ImageNet), ImageNetCategories.All);
        IReadOnlyList<Prediction> ours = classifier.Predict(image, 5);

        // The same preprocessing, then ML.NET: IDataView → ApplyOnnxModel → PredictionEngine.
        float[] pixels;
        using (NewDisposeScope())
        {
            var tensor = (Tensor)classifier.Transform.Apply(ImageDecoder.Decode(image), new Random(0));
            pixels = tensor.contiguous().data<float>().ToArray();
        }
        var ml = new MLContext(seed: 0);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new ImageInput { Pixels = pixels } });
        var pipeline = ml.Transforms.ApplyOnnxModel(outputColumnNames: new[] { "logits" }, inputColumnNames: new[] { "input" }, modelFile: onnx);
        using var engine = ml.Model.CreatePredictionEngine<ImageInput, Scores>(pipeline.Fit(data));
        float[] logits = engine.Predict(new ImageInput { Pixels = pixels }).Logits;

        int[] top5 = logits.Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(5).Select(p => p.i).ToArray();
        Assert.Equal(ours.Select(p => p.Index), top5);
        foreach (Prediction p in ours) Assert.True(Math.Abs(p.Logit - logits[p.Index]) <= 1e-4 * Math.Max(1, Math.Abs(p.Logit)), $"{p.Label}: {p.Logit} vs {logits[p.Index]}");
        Assert.True(ours[0].Logit - ours[4].Logit > 1e-3, "the top-5 logits are distinct enough for the order to mean something");
    }
}
