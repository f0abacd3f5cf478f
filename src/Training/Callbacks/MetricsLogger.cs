using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelZoo.Core.IO;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// Writes one row per epoch to <c>metrics.csv</c> (<see cref="CsvHeader"/>; empty eval cells when there is no
/// evaluation set) and one JSON object per line to <c>metrics.jsonl</c> in <see cref="Directory"/> (the CSV's columns plus
/// every further metric of the epoch: eval_top5_accuracy, eval_macro_f1, ...). Each row is appended
/// and flushed to disk when its epoch ends, so a crash loses at most the running epoch. When a fit starts, rows of the
/// epochs it is about to train (and any torn last line) are dropped, so a resumed run appends without duplicate epochs
/// and a fresh run in the same directory starts the files over.
/// </summary>
public sealed class MetricsLogger : ITrainerCallback
{
    public const string CsvHeader = "epoch,train_loss,train_accuracy,eval_loss,eval_accuracy,seconds,lr";

    /// <summary>The CSV's file name in <see cref="Directory"/>.</summary>
    public const string CsvFileName = "metrics.csv";

    /// <summary>The JSON-lines file's name in <see cref="Directory"/>.</summary>
    public const string JsonLinesFileName = "metrics.jsonl";

    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public MetricsLogger(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public int Order => 150;
    public string Directory { get; }
    public string CsvPath => Path.Combine(Directory, CsvFileName);
    public string JsonLinesPath => Path.Combine(Directory, JsonLinesFileName);

    public void OnFitStart(TrainerContext context)
    {
        System.IO.Directory.CreateDirectory(Directory);
        int start = context.StartEpoch;
        Trim(CsvPath, CsvHeader, line => EpochOfCsv(line) is { } e && e < start);
        Trim(JsonLinesPath, null, line => EpochOfJson(line) is { } e && e < start);
    }

    public void OnEpochEnd(TrainerContext context, EpochMetrics m)
    {
        double lr = m.LearningRate ?? context.LearningRate;
        string csv = string.Join(',', m.Epoch.ToString(CultureInfo.InvariantCulture), F(m.TrainLoss), F(m.TrainAccuracy),
            F(m.EvalLoss), F(m.EvalAccuracy), F(m.Duration.TotalSeconds), F(lr));
        var json = new JsonObject
        {
            ["epoch"] = m.Epoch, ["train_loss"] = m.TrainLoss, ["train_accuracy"] = m.TrainAccuracy, ["eval_loss"] = m.EvalLoss,
            ["eval_accuracy"] = m.EvalAccuracy, ["seconds"] = m.Duration.TotalSeconds, ["lr"] = lr, ["samples"] = m.Samples,
        };
        if (m.Metrics is not null) foreach ((string name, double value) in m.Metrics) json[name] = value;
        Append(CsvPath, csv);
        Append(JsonLinesPath, json.ToJsonString(s_json));
    }

    private static string F(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static void Append(string path, string line)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Rewrites <paramref name="path"/> (atomically) with the header and the lines to keep.</summary>
    private static void Trim(string path, string? header, Func<string, bool> keep)
    {
        IEnumerable<string> lines = File.Exists(path) ? File.ReadAllText(path).Split('\n') : Array.Empty<string>();
        var text = new StringBuilder();
        if (header is not null) text.Append(header).Append('\n');
        foreach (string line in lines.Where(l => l != header && keep(l))) text.Append(line).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static int? EpochOfCsv(string line)
    {
        string[] cells = line.Split(',');
        return cells.Length == 7 && int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out int e) ? e : null;
    }

    private static int? EpochOfJson(string line)
    {
        try
        {
            return JsonNode.Parse(line)?["epoch"]?.GetValue<int>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
