using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Catalog;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Resolution;
using ModelZoo.Models.Weights.ModelZooFormat;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Inference;
using ModelZoo.Training.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Training.Tests.Resolution;

/// <summary>A training checkpoint resolves through the model library's reader (Models cannot see Training): the model as
/// it was built, its classes, and a preset that reproduces the training pipeline exactly.</summary>
public sealed class CheckpointResolutionTests
{
    private static string Save(TempDir dir, string model, ModelOptions options, int[]? imageSize, double[] mean, double[] std)
    {
        using ImageClassifier net = Zoo.Create(model, options);
        string path = dir.File($"{model}.ckpt");
        Checkpoint.Save(net, new CheckpointInfo
        {
            Model = model, Options = options, Epoch = 2, Classes = Enumerable.Range(0, options.NumClasses!.Value).Select(i => $"class {i}").ToArray(),
            Mean = mean, Std = std, ImageSize = imageSize, Dataset = "test",
            Training = new TrainingState { Seed = 9, Optimizer = "SGD" },   // a section the model library does not know: skipped
        }, path);
        return path;
    }

    [Fact]
    public void A_training_checkpoint_resolves_to_its_model_classes_and_preprocessing()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var options = new ModelOptions { NumClasses = 3, InChannels = 1, InputSize = 28, Seed = 2 };
        string path = Save(dir, "lenet5", options, new[] { 28, 28 }, new[] { 0.2 }, new[] { 0.4 });

        using ResolvedModel resolved = ModelResolver.Resolve("lenet5", path);
        Assert.Equal(WeightsSource.Checkpoint, resolved.Source);
        Assert.Equal(Path.GetFullPath(path), resolved.File);
        Assert.Equal(options, resolved.Options);
        Assert.Equal(new[] { "class 0", "class 1", "class 2" }, resolved.Labels);
        Assert.True(resolved.PreprocessingKnown);
        InferencePreset preset = resolved.Preprocessing;
        Assert.Equal((28, 28, Interpolation.Bilinear), (preset.ResizeSize, preset.CropSize, preset.Interpolation));
        Assert.Equal(new[] { 0.2 }, preset.Mean);
        Assert.Equal(new[] { 0.4 }, preset.Std);
        Assert.Equal(("lenet5", 2, "test"), (resolved.Checkpoint!.Model, resolved.Checkpoint.Epoch, resolved.Checkpoint.Dataset));

        (ImageClassifier viaTraining, CheckpointInfo info) = Checkpoint.Load(path);
        using (viaTraining)
        {
            Assert.Equal(9, info.Training!.Seed);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            viaTraining.eval();
            resolved.Model.eval();
            Tensor x = torch.randn(2, 1, 28, 28);
            Assert.True(viaTraining.call(x).allclose(resolved.Model.call(x), 0, 0));
        }
        Assert.Equal(new[] { 28, 28 }, ModelZooCheckpoint.ReadInfo(path).ImageSize);

        var other = Assert.Throws<ArgumentException>(() => ModelResolver.Resolve("lenet5-classic", path));
        Assert.Contains("holds model 'lenet5', not 'lenet5-classic'", other.Message);
    }

    /// <summary>The preset a checkpoint resolves to equals the evaluation pipeline training used, pixel for pixel, for
    /// images kept as they are, zero-padded (28 → lenet5-classic's 32), resized (16 → 32) and of varying size.</summary>
    [Theory]
    [InlineData("lenet5", 1, 28, 28, "resize 28 (bilinear), crop 28")]
    [InlineData("lenet5-classic", 1, 28, null, "resize 28 (bilinear), crop 32")]
    [InlineData("lenet5-classic", 1, 16, null, "resize 32 (bilinear), crop 32")]
    [InlineData("resnet20-cifar", 3, 32, null, "resize 32 (bilinear), crop 32")]
    [InlineData("lenet5", 3, 0, null, "resize 36 (bilinear), crop 32")]
    public void The_checkpoint_preset_reproduces_the_training_preprocessing(string model, int channels, int size, int? inputSize, string expected)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        double[] mean = Enumerable.Repeat(0.3, channels).ToArray(), std = Enumerable.Repeat(0.2, channels).ToArray();
        var options = new ModelOptions { NumClasses = 4, InChannels = channels, InputSize = inputSize };
        string path = Save(dir, model, options, size > 0 ? new[] { size, size } : null, mean, std);
        using ResolvedModel resolved = ModelResolver.Resolve(model, path);
        Assert.StartsWith(expected, resolved.Preprocessing.ToString());

        var spec = new DatasetSpec("test", channels, size, size, mean, std, resolved.Labels!);
        ITransform training = DataPipeline.Preprocessing(resolved.Model, spec, Zoo.Get(model).DefaultImageSize, augment: null);
        ITransform prediction = InferenceTransforms.FromPreset(resolved.Preprocessing);
        var random = new Random(5);
        var image = new ImageBuffer(size > 0 ? size : 57, size > 0 ? size : 45, channels);
        random.NextBytes(image.Pixels);
        using var scope = torch.NewDisposeScope();
        var a = (Tensor)training.Apply(image, new Random(0));
        var b = (Tensor)prediction.Apply(image, new Random(0));
        Assert.Equal(a.shape, b.shape);
        Assert.True(a.allclose(b, 0, 0), $"{training} vs {prediction}");
    }
}
