using System.Text;
using ModelZoo.Core.Preprocessing;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Training.Jobs;

/// <summary>The starting model of a fine-tune: from the weights catalog, a torch.save file or a ModelZoo checkpoint,
/// with the preprocessing it was trained with when known.</summary>
internal sealed record FinetuneSource(ImageClassifier Model, string Description, ModelOptions Options, InferencePreset? Preset,
    IReadOnlyList<double>? Mean, IReadOnlyList<double>? Std)
{
    private static readonly byte[] s_checkpointMagic = Encoding.ASCII.GetBytes("MZCKPT01");

    public static async Task<FinetuneSource> LoadAsync(FinetuneJobOptions options, IProgress<WeightsDownloadProgress>? progress, CancellationToken ct)
    {
        if (File.Exists(options.Weights) && IsModelZooCheckpoint(options.Weights))
        {
            (ImageClassifier model, CheckpointInfo info) = Checkpoint.Load(options.Weights);
            if (!string.Equals(info.Model, Zoo.Get(options.Model).Name, StringComparison.OrdinalIgnoreCase))
            {
                model.Dispose();
                throw new ArgumentException($"Checkpoint {options.Weights} holds model '{info.Model}', not '{options.Model}'.");
            }
            return new FinetuneSource(model, Path.GetFullPath(options.Weights), info.Options, null, info.Mean, info.Std);
        }
        PretrainedModel loaded = await PretrainedLoader.LoadAsync(options.Model, options.Weights,
            new PretrainedOptions { Model = options.ModelOptions, Cache = options.Cache }, progress, ct).ConfigureAwait(false);
        ModelOptions built = options.ModelOptions with
        {
            NumClasses = loaded.Model.NumClasses,
            InChannels = loaded.Model.InChannels,
            InputSize = options.ModelOptions.InputSize ?? loaded.Model.FixedInputSize?.Height,
        };
        string description = loaded.Weights is { } w ? $"{w.Model} {w.Name}" : loaded.File;
        return new FinetuneSource(loaded.Model, description, built, loaded.Preset, loaded.Preset?.Mean, loaded.Preset?.Std);
    }

    private static bool IsModelZooCheckpoint(string path)
    {
        using FileStream stream = File.OpenRead(path);
        var head = new byte[s_checkpointMagic.Length];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(s_checkpointMagic);
    }
}
