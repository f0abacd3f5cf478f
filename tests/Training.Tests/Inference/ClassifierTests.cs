using System.Text.Json;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using ModelZoo.Models.Pretrained;
using ModelZoo.Training.Inference;
using TorchSharp;

namespace ModelZoo.Training.Tests.Inference;

public sealed class ClassifierTests
{
    private static string LeNetFile => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
    private static string Digit => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "28-test-gray.jpg");

    private static PretrainedModel LoadLeNet() =>
        PretrainedLoader.Load("lenet5", LeNetFile, new PretrainedOptions { Model = new() { InputSize = 28 } });

    [Fact]
    public void PredictMatchesPyTorchOnARealCheckpoint()
    {
        // tests/fixtures/pretrained/predict_lenet.json: PyTorch's logits for the same file, image and preprocessing.
        using JsonDocument oracle = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixtures("pretrained", "predict_lenet.json")));
        double[] logits = oracle.RootElement.GetProperty("logits").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        int[] top5 = oracle.RootElement.GetProperty("top5").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        using PretrainedModel loaded = LoadLeNet();
        Assert.True(loaded.LoadResult.IsExact);
        var classifier = new Classifier(loaded.Model, InferenceTransforms.ScaleAndNormalize(new[] { 0.1307 }, new[] { 0.3081 }));

        IReadOnlyList<Prediction> top = classifier.Predict(Digit, topK: 5);

        Assert.Equal(top5, top.Select(p => p.Index));
        Assert.Equal(top5.Select(i => i.ToString()), top.Select(p => p.Label));   // no labels: the index
        foreach (Prediction p in top) Assert.Equal(logits[p.Index], p.Logit, 3);
        double sum = logits.Sum(z => Math.Exp(z));
        foreach (Prediction p in top) Assert.Equal(Math.Exp(logits[p.Index]) / sum, p.Probability, 4);
        Assert.True(top.Zip(top.Skip(1)).All(x => x.First.Probability >= x.Second.Probability));
    }

    [Fact]
    public void Ranks_follow_the_logits_where_probabilities_underflow_to_zero()
    {
        // The head outputs its bias whatever the image: logits far apart, so softmax gives 1 for one class and 0.0 for the rest.
        float[] bias = { -11608f, 22150f, 5000f, -3f, 7f, 120f, -900f, 0.5f, 21000f, 64f };
        using var model = ModelZoo.Models.LeNets.LeNetBuilders.LeNet5(new ModelZoo.Models.LeNets.LeNet5Options { InputSize = 28 }, seed: 0);
        using (torch.no_grad())
        {
            model.state_dict()["fc3.weight"].zero_();
            model.state_dict()["fc3.bias"].copy_(torch.tensor(bias));
        }
        var classifier = new Classifier(model, InferenceTransforms.ScaleAndNormalize(new[] { 0.5 }, new[] { 0.5 }));
        IReadOnlyList<Prediction> top = classifier.Predict(new ImageBuffer(28, 28, 1), topK: 10);
        int[] byLogit = bias.Select((b, i) => (b, i)).OrderByDescending(x => x.b).Select(x => x.i).ToArray();
        Assert.Equal(byLogit, top.Select(p => p.Index));
        Assert.Equal(new[] { 1.0, 0.0 }, top.Take(2).Select(p => p.Probability));
        Assert.Equal(bias.OrderByDescending(b => b).Select(b => (double)b), top.Select(p => p.Logit));
    }

    [Fact]
    public void LabelsTopKAndBatchesBehave()
    {
        using PretrainedModel loaded = LoadLeNet();
        string[] names = Enumerable.Range(0, 10).Select(i => $"digit {i}").ToArray();
        var classifier = new Classifier(loaded.Model, InferenceTransforms.ScaleAndNormalize(new[] { 0.1307 }, new[] { 0.3081 }), names);
        ImageBuffer image = ImageDecoder.Decode(Digit, ImageMode.L);
        Assert.Equal("digit 3", classifier.Predict(image, 1).Single().Label);
        Assert.Equal(10, classifier.Predict(image, 50).Count);
        IReadOnlyList<IReadOnlyList<Prediction>> batch = classifier.PredictBatch(new[] { image, image }, 3);
        Assert.Equal(batch[0], batch[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Predict(image, 0));
        Assert.Throws<ArgumentException>(() => new Classifier(loaded.Model, new ToTensor(), new[] { "a", "b" }));
        // Wrong size for a fixed-input model: a clear error naming the expected shape.
        var ex = Assert.Throws<ArgumentException>(() => classifier.Predict(new ImageBuffer(32, 32, 1), 1));
        Assert.Contains("[N, 1, 28, 28]", ex.Message);
    }

    [Fact]
    public void PresetTransformResizesAndCropsLikeTheWeightsExpect()
    {
        ITransform transform = InferenceTransforms.FromPreset(TorchvisionWeights.ResNet50.ImageNet1kV2.Preset);
        using var scope = torch.NewDisposeScope();
        var x = (torch.Tensor)transform.Apply(new ImageBuffer(300, 240, 3), new Random(0));
        Assert.Equal(new long[] { 3, 224, 224 }, x.shape);
        // A black image normalises to -mean/std per channel.
        Assert.Equal(-0.485 / 0.229, x[0, 0, 0].item<float>(), 4);
        Assert.Equal(-0.406 / 0.225, x[2, 100, 100].item<float>(), 4);
    }
}
