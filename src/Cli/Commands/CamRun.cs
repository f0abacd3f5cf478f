using ModelZoo.Cam;
using ModelZoo.Cam.Metrics;
using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Cli.Commands;

/// <summary>Runs the methods of a `modelzoo cam` request, writes the overlays and prints the results.</summary>
internal static class CamRun
{
    private const int DeletionSteps = 20;

    private sealed record Entry(string Method, CamResult Result, ImageQuality? Quality, (int X, int Y) Peak, string File);

    public static async Task<int> RunAsync(CliContext context, ResolvedModel loaded, ITransform transform, CamRequest request, CancellationToken ct)
    {
        ImageClassifier model = loaded.Model;
        ImageBuffer original = Decode(request.Image, model.InChannels);
        InputRegion region = InputRegion.FromTransform(transform, original.Width, original.Height);
        using var scope = torch.NewDisposeScope();
        Device device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        Tensor single = ((Tensor)transform.Apply(original, new Random(0))).unsqueeze(0).to(device);
        int[] classes = Classes(model, single, request.Classes);
        Tensor batch = classes.Length == 1 ? single : single.expand(classes.Length, -1, -1, -1).contiguous();
        string outPath = Path.GetFullPath(request.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        IReadOnlyList<string> methods = request.AllMethods && !GapLinearHead.Matches(model)
            ? request.Methods.Where(m => m != "cam").ToArray()
            : request.Methods;
        if (methods.Count < request.Methods.Count && !request.Json)
            await context.Error.WriteLineAsync($"note: skipping plain CAM: {model.GetName()}'s head is not global average pooling + one linear layer.").ConfigureAwait(false);
        bool many = methods.Count * classes.Length > 1;

        var entries = new List<Entry>();
        var tiles = new List<(ImageBuffer, string)>();
        IReadOnlyList<string> layers = Array.Empty<string>();
        foreach (string name in methods)
        {
            ct.ThrowIfCancellationRequested();
            using CamBase method = CamMethods.Create(name, model, new CamOptions { TargetLayers = request.Layers });
            layers = method.TargetLayers;
            IReadOnlyList<CamResult> results = method.Compute(batch, classes, ct);
            CamQuality? quality = request.Json ? CamMetrics.Evaluate(model, batch, results, DeletionSteps, ct) : null;
            for (int i = 0; i < results.Count; i++)
            {
                CamResult r = results[i];
                string file = many ? Sibling(outPath, name, classes.Length > 1 ? r.ClassIndex : null) : outPath;
                ImageBuffer overlay = CamOverlay.Render(original, r.Map, region, request.Overlay);
                ImageEncoder.SavePng(overlay, file);
                entries.Add(new Entry(name, r, quality?.Images[i], region.OriginalPixel(r.Peak.X, r.Peak.Y, original.Width, original.Height), file));
                tiles.Add((overlay, $"{name}: {Label(loaded, r.ClassIndex)} {r.Probability:0.00}"));
            }
        }
        string? grid = null;
        if (many)
        {
            ImageEncoder.SavePng(CamGrid.Render(tiles, columns: Math.Min(4, tiles.Count), maxTileSide: 320), outPath);
            grid = outPath;
        }
        await WriteAsync(context, loaded, request, original, layers, entries, grid).ConfigureAwait(false);
        return 0;
    }

    private static ImageBuffer Decode(string path, int channels)
    {
        try
        {
            return ImageDecoder.Decode(path, channels == 1 ? ImageMode.L : ImageMode.Rgb);
        }
        catch (ImageDecodeException ex)
        {
            throw new InvalidDataException($"Cannot read {path} as an image: {ex.Message.TrimEnd('.')}. Give a JPEG, PNG, BMP, GIF or WebP file.", ex);
        }
    }

    /// <summary>--class: top1 / topK (from one forward pass), an index, or indices separated by commas.</summary>
    internal static int[] Classes(ImageClassifier model, Tensor input, string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t.StartsWith("top", StringComparison.Ordinal))
        {
            if (!int.TryParse(t[3..], NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1)
                throw new ArgumentException($"--class '{text}': expected top1, top3, ... (topK with K >= 1), an index or indices separated by commas.");
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            model.eval();
            Tensor logits = model.call(input);
            return logits.topk(Math.Min(k, (int)logits.shape[1]), dim: 1).indexes.squeeze(0).cpu().data<long>().Select(i => (int)i).ToArray();
        }
        var indices = new List<int>();
        foreach (string part in t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                throw new ArgumentException($"--class '{text}': expected top1, top3, ... , an index or indices separated by commas.");
            if (index >= model.NumClasses)
                throw new ArgumentException($"--class {index} is out of range: {model.GetName()} has {model.NumClasses} classes (0..{model.NumClasses - 1}).");
            indices.Add(index);
        }
        return indices.Count > 0 ? indices.Distinct().ToArray() : throw new ArgumentException("--class needs top1, topK or an index.");
    }

    private static string Sibling(string path, string method, int? classIndex)
    {
        string stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        string safe = method.Replace("+", "p", StringComparison.Ordinal);
        return $"{stem}-{safe}{(classIndex is { } c ? "-c" + c.ToString(CultureInfo.InvariantCulture) : "")}.png";
    }

    private static string Label(ResolvedModel loaded, int index) =>
        loaded.Labels is { } labels && index < labels.Count ? labels[index] : index.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteAsync(CliContext context, ResolvedModel loaded, CamRequest request, ImageBuffer original,
        IReadOnlyList<string> layers, List<Entry> entries, string? grid)
    {
        if (request.Json)
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["model"] = request.Model, ["weights"] = loaded.Description, ["image"] = Path.GetFullPath(request.Image),
                ["size"] = new[] { original.Width, original.Height }, ["layers"] = layers,
                ["results"] = entries.Select(e => new Dictionary<string, object?>
                {
                    ["method"] = e.Method, ["class"] = e.Result.ClassIndex, ["label"] = Label(loaded, e.Result.ClassIndex),
                    ["score"] = Math.Round(e.Result.Score, 6), ["probability"] = Math.Round(e.Result.Probability, 6),
                    ["peak"] = new[] { e.Peak.X, e.Peak.Y }, ["file"] = e.File,
                    ["average_drop"] = e.Quality is { } q ? Math.Round(q.Drop, 4) : null,
                    ["increase_in_confidence"] = e.Quality is { } q2 ? (q2.Increased ? 100.0 : 0.0) : null,
                    ["deletion_auc"] = e.Quality is { } q3 ? Math.Round(q3.Deletion.Auc, 6) : null,
                }).ToArray(),
                ["grid"] = grid,
            })).ConfigureAwait(false);
            return;
        }
        await context.Output.WriteLineAsync($"{request.Model} with {loaded.Description}; {Path.GetFileName(request.Image)} ({original.Width}x{original.Height}); layer(s) {string.Join(", ", layers)}").ConfigureAwait(false);
        int width = entries.Max(e => e.Method.Length);
        foreach (Entry e in entries)
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {e.Method.PadRight(width)}  class {e.Result.ClassIndex} ({Label(loaded, e.Result.ClassIndex)})  score {e.Result.Score:F4}  p {e.Result.Probability:F4}  peak ({e.Peak.X}, {e.Peak.Y})  -> {e.File}")).ConfigureAwait(false);
        if (grid is not null) await context.Output.WriteLineAsync($"  grid -> {grid}").ConfigureAwait(false);
    }
}
