using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.TensorBoard;
using ModelZoo.Training.Tests.Support;
using SkiaSharp;

namespace ModelZoo.Training.Tests.TensorBoard;

/// <summary>Event files as TensorBoard reads them: framing, CRCs and the decoded scalars and images.</summary>
public sealed class TensorBoardTests
{
    [Fact]
    public void Crc32c_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void A_fit_logs_scalars_and_the_confusion_matrix_that_decode_to_the_epoch_metrics()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        using ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1 });
        var logger = new TensorBoardLogger(dir.File("tb"), ModelZoo.Data.Datasets.Synthetic.SyntheticShapesDataset.ClassNames);
        TrainingResult result = new Trainer(new TrainerOptions { Epochs = 2, Device = "cpu", LogEveryNSteps = 2 })
            .Add(logger).Fit(model, TinyData.Shapes(0, 128), TinyData.Shapes(128, 192, shuffle: false));

        List<Tensorboard.Event> events = EventFileReader.Read(logger.FilePath!);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var scalars = events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (e.Step, v))).ToList();
        float Scalar(string tag, long step) => scalars.Single(s => s.v.Tag == tag && s.Step == step).v.SimpleValue;
        foreach (EpochMetrics m in result.Epochs)
        {
            Assert.Equal((float)m.EvalAccuracy!.Value, Scalar("epoch/eval_accuracy", m.Epoch));
            Assert.Equal((float)m.TrainLoss, Scalar("epoch/train_loss", m.Epoch));
            Assert.Equal((float)m.Metrics!["eval_macro_f1"], Scalar("epoch/eval_macro_f1", m.Epoch));
            Assert.Equal((float)m.LearningRate!.Value, Scalar("epoch/lr", m.Epoch));
        }
        Assert.Equal(new long[] { 2, 4, 6, 8 }, scalars.Where(s => s.v.Tag == "train/loss").Select(s => s.Step));   // every 2 of 4 batches, at x = steps
        Assert.All(scalars.Where(s => s.v.Tag == "train/throughput"), s => Assert.True(s.v.SimpleValue > 0));

        var images = scalars.Where(s => s.v.Tag == "eval/confusion_matrix").ToList();
        Assert.Equal(new long[] { 1, 2 }, images.Select(i => i.Step));
        Tensorboard.Summary.Types.Image image = images[^1].v.Image;
        using SKBitmap png = SKBitmap.Decode(image.EncodedImageString.ToByteArray());
        Assert.Equal((image.Width, image.Height), (png.Width, png.Height));
        Assert.True(png.Width > 300, "10 classes with names make a large heatmap");
        Assert.True(events.Zip(events.Skip(1)).All(p => p.Second.WallTime >= p.First.WallTime), "wall times never go back");
    }

    [Fact]
    public void The_reader_rejects_a_damaged_record_so_it_really_checks_the_crcs()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string path;
        using (var writer = new TensorBoardWriter(dir.Path, () => 1.5))
        {
            writer.AddScalar("a/b", 0.25, 7);
            path = writer.FilePath;
        }
        List<Tensorboard.Event> events = EventFileReader.Read(path);
        Assert.Equal(1.5, events[1].WallTime);
        Assert.Equal(7, events[1].Step);
        Assert.Equal(0.25f, events[1].Summary.Value[0].SimpleValue);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^6] ^= 0x40;   // inside the scalar's payload
        File.WriteAllBytes(path, bytes);
        Assert.Contains("data CRC mismatch", Assert.Throws<InvalidDataException>(() => EventFileReader.Read(path)).Message);
    }
}
