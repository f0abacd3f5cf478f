using System.Globalization;
using System.Text.Json.Nodes;
using ModelZoo.Models;
using ModelZoo.Training.Callbacks;
using ModelZoo.Training.Checkpoints;
using ModelZoo.Training.Tests.Resume;

namespace ModelZoo.Training.Tests.Logging;

public sealed class MetricsLoggerTests
{
    private static TrainerOptions Options(int epochs, string? resume = null) =>
        new() { Epochs = epochs, LearningRate = 0.03, Device = "cpu", Seed = 2, ResumeFrom = resume };

    [Fact]
    public void Csv_and_json_lines_hold_one_row_per_epoch_and_a_resumed_run_appends_without_duplicates()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var logger = new MetricsLogger(dir.File("logs"));
        string ckpt = dir.File("run.ckpt");
        var train = ResumeTests.Loader(0, 128, true);
        var eval = ResumeTests.Loader(128, 192, false);
        TrainingResult first;
        using (ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1 }))
        {
            first = new Trainer(Options(1)).Add(logger)
                .Add(new CheckpointCallback(ckpt, (e, _) => new CheckpointInfo { Model = "lenet5", Options = new ModelOptions { Seed = 1 }, Epoch = e }))
                .Fit(model, train, eval);
        }
        string[] afterFirst = File.ReadAllLines(logger.CsvPath);
        Assert.Equal(new[] { MetricsLogger.CsvHeader }, afterFirst[..1]);
        Assert.Equal(2, afterFirst.Length);
        File.AppendAllText(logger.CsvPath, "2,2.29");              // a torn row, as a crash mid-write leaves it
        File.AppendAllText(logger.JsonLinesPath, "{\"epoch\":2,");

        TrainingResult all;
        using (ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1 }))
            all = new Trainer(Options(3, ckpt)).Add(logger).Fit(model, train, eval);

        string[] lines = File.ReadAllLines(logger.CsvPath);
        Assert.Equal(MetricsLogger.CsvHeader, lines[0]);
        Assert.Equal(afterFirst[1], lines[1]);                     // the resumed run keeps earlier rows untouched
        Assert.Equal(4, lines.Length);
        for (int i = 1; i <= 3; i++)
        {
            string[] cells = lines[i].Split(',');
            Assert.Equal(7, cells.Length);
            EpochMetrics m = all.Epochs[i - 1];
            Assert.Equal(i, int.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.Equal(m.TrainLoss, D(cells[1]));
            Assert.Equal(m.TrainAccuracy, D(cells[2]));
            Assert.Equal(m.EvalLoss, D(cells[3]));
            Assert.Equal(m.EvalAccuracy, D(cells[4]));
            Assert.Equal(m.Duration.TotalSeconds, D(cells[5]), 6);
            Assert.Equal(0.03, D(cells[6]));
        }
        Assert.Equal(first.Epochs[0].TrainLoss, D(lines[1].Split(',')[1]));

        string[] json = File.ReadAllLines(logger.JsonLinesPath);
        Assert.Equal(3, json.Length);
        for (int i = 0; i < 3; i++)
        {
            JsonNode row = JsonNode.Parse(json[i])!;
            Assert.Equal(i + 1, row["epoch"]!.GetValue<int>());
            Assert.Equal(all.Epochs[i].EvalAccuracy, row["eval_accuracy"]!.GetValue<double>());
            Assert.Equal(128, row["samples"]!.GetValue<int>());
        }

        // A fresh run (no resume) in the same directory starts the files over.
        using (ImageClassifier model = Zoo.Create("lenet5", new ModelOptions { Seed = 1 }))
            new Trainer(Options(1)).Add(logger).Fit(model, train);
        lines = File.ReadAllLines(logger.CsvPath);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(",,", string.Join(',', lines[1].Split(',')[..5]));   // no eval set → empty eval cells
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
