using ModelZoo.Core.Preprocessing;
using ModelZoo.Data.Transforms;
using ModelZoo.Models.Pretrained;
using ModelZoo.Training.Inference;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo predict`: top-k classes of an image with a model and its weights (a catalog name, a weights file or a
/// training checkpoint, resolved by <see cref="ModelResolver"/> with their preprocessing and labels).</summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Option<string>("--image", "-i") { Description = "Image file (JPEG, PNG, BMP, GIF, WebP).", Required = true };
        var topK = new Option<int>("--topk") { Description = "How many classes to print.", DefaultValueFactory = _ => 5 };
        var named = ModelSourceOptions.ForImages(
            "Weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...; cached or downloaded), a .pth/.pt/safetensors file, or a .ckpt from 'modelzoo train' (its classes and preprocessing).",
            out PreprocessingOptions preprocessing);
        Option<bool> json = CommonOptions.Json();

        var command = new Command("predict", "Classify an image: top-k labels, probabilities and logits.")
        {
            named.Model, named.Weights, image, topK, named.NumClasses, named.InChannels, named.Device, json,
        };
        preprocessing.AddTo(command);
        named.Loading.AddTo(command);
        SpeedOptions speed = SpeedOptions.ForInference();
        speed.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            int k = parse.GetValue(topK);
            if (k < 1) throw new ArgumentException($"--topk must be >= 1; got {k}.");
            string modelName = parse.GetValue(named.Model)!, weightsText = parse.GetValue(named.Weights)!, imagePath = parse.GetValue(image)!;
            if (!File.Exists(imagePath)) throw new FileNotFoundException($"Image not found: {Path.GetFullPath(imagePath)}.", imagePath);
            PreprocessingOverrides overrides = preprocessing.Read(parse);
            using ResolvedModel loaded = await named.ResolveAsync(context, parse, ct).ConfigureAwait(false);
            (ITransform transform, string presetText) = overrides.ForImages(loaded, modelName);
            using var classifier = Classifier.For(loaded, transform, parse.GetValue(named.Device), speed.Read(parse));   // in place: the resolved model is ours
            IReadOnlyList<Prediction> top = classifier.Predict(imagePath, k);
            string weightsShown = loaded.Catalog is { } w ? $"{w.Name} ({loaded.File})" : loaded.File;
            await WriteAsync(context, modelName, loaded.Catalog?.Name ?? loaded.File, $"{modelName} with {weightsShown}; {presetText}",
                imagePath, top, parse.GetValue(json)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, string modelName, string weights, string header, string imagePath,
        IReadOnlyList<Prediction> top, bool json)
    {
        if (json)
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["model"] = modelName, ["weights"] = weights, ["image"] = Path.GetFullPath(imagePath),
                ["predictions"] = top.Select(p => new Dictionary<string, object>
                {
                    ["index"] = p.Index, ["label"] = p.Label, ["probability"] = p.Probability, ["logit"] = p.Logit,
                }).ToArray(),
            })).ConfigureAwait(false);
            return;
        }
        await context.Output.WriteLineAsync(header).ConfigureAwait(false);
        await context.Output.WriteLineAsync($"{Path.GetFileName(imagePath)}:").ConfigureAwait(false);
        int width = Math.Max(5, top.Max(p => p.Label.Length));
        for (int i = 0; i < top.Count; i++)
        {
            Prediction p = top[i];
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {i + 1}. {p.Label.PadRight(width)}  {p.Probability * 100,6:F2} %   logit {p.Logit,8:F4}   index {p.Index}")).ConfigureAwait(false);
        }
    }
}
