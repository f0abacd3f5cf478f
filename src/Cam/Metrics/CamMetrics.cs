namespace ModelZoo.Cam.Metrics;

/// <summary>
/// How faithful explanations are, as torch-cam and pytorch-grad-cam measure it:
/// <list type="bullet">
/// <item><b>Average Drop</b> and <b>Increase in Confidence</b> (Chattopadhay et al. 2018): the class probability Y on the
/// image against O on the image multiplied element-wise by its [0, 1] map (the normalised input tensor, so a 0 weight
/// gives the dataset's mean colour);</item>
/// <item><b>deletion</b> (Petsiuk et al. 2018): the class probability as the most salient pixels are set to 0 (the mean
/// colour), in equal steps; the area under that curve.</item>
/// </list>
/// The model runs in eval mode without gradients; its mode and flags are restored afterwards.
/// </summary>
public static class CamMetrics
{
    /// <summary>Every figure for a batch [N, C, H, W] and its results (one per image, maps at the input size).</summary>
    public static CamQuality Evaluate(ImageClassifier model, Tensor input, IReadOnlyList<CamResult> results, int deletionSteps = 20,
        CancellationToken cancellationToken = default)
    {
        (double[] y, double[] o) = Confidences(model, input, results);
        var images = new ImageQuality[results.Count];
        for (int i = 0; i < images.Length; i++)
        {
            using var scope = torch.NewDisposeScope();
            DeletionCurve curve = Deletion(model, input.select(0, i), results[i].Map, results[i].ClassIndex, deletionSteps, cancellationToken);
            images[i] = new ImageQuality(y[i], o[i], Drop(y[i], o[i]), o[i] > y[i], curve);
        }
        return new CamQuality(images.Average(q => q.Drop), 100.0 * images.Count(q => q.Increased) / images.Length,
            images.Average(q => q.Deletion.Auc), images);
    }

    /// <summary>Average Drop (percent): mean over images of 100 · max(0, Y − O) / Y.</summary>
    public static double AverageDrop(ImageClassifier model, Tensor input, IReadOnlyList<CamResult> results)
    {
        (double[] y, double[] o) = Confidences(model, input, results);
        return y.Zip(o, Drop).Average();
    }

    /// <summary>Increase in Confidence (percent): share of images with O &gt; Y.</summary>
    public static double IncreaseInConfidence(ImageClassifier model, Tensor input, IReadOnlyList<CamResult> results)
    {
        (double[] y, double[] o) = Confidences(model, input, results);
        return 100.0 * y.Zip(o).Count(p => p.Second > p.First) / y.Length;
    }

    /// <summary>The deletion curve of one image [C, H, W] explained by <paramref name="map"/> (its size) for
    /// <paramref name="classIndex"/>: <paramref name="steps"/> + 1 points, fractions 0, 1/steps, ..., 1.</summary>
    public static DeletionCurve Deletion(ImageClassifier model, Tensor image, CamMap map, int classIndex, int steps = 20,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(map);
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The deletion curve needs at least 1 step.");
        if (image.dim() != 3 || image.shape[1] != map.Height || image.shape[2] != map.Width)
            throw new ArgumentException($"The image must be [C, {map.Height}, {map.Width}] like its map; got [{string.Join(", ", image.shape)}].", nameof(image));
        using var scope = torch.NewDisposeScope();
        using var state = ModelStateGuard.EvalFrozen(model);
        using var noGrad = torch.no_grad();
        int pixels = map.Values.Length;
        int[] order = Enumerable.Range(0, pixels).OrderByDescending(p => map.Values[p]).ToArray();   // stable: ties keep index order
        var rank = new long[pixels];
        for (int r = 0; r < pixels; r++) rank[order[r]] = r;
        Tensor ranks = torch.tensor(rank, device: image.device);
        long[] counts = Enumerable.Range(0, steps + 1).Select(s => (long)Math.Round((double)s * pixels / steps)).ToArray();
        var scores = new double[steps + 1];
        const int chunk = 16;
        for (int start = 0; start <= steps; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var step = torch.NewDisposeScope();
            int count = Math.Min(chunk, steps + 1 - start);
            Tensor kept = ranks.unsqueeze(0) >= torch.tensor(counts.AsSpan(start, count).ToArray(), device: image.device).unsqueeze(1);   // [b, HW]
            Tensor masks = kept.to(image.dtype).reshape(count, 1, map.Height, map.Width);
            Tensor p = model.call(image.unsqueeze(0) * masks).softmax(1).select(1, classIndex).to(ScalarType.Float64).cpu();
            double[] values = p.data<double>().ToArray();
            Array.Copy(values, 0, scores, start, count);
        }
        return new DeletionCurve(Enumerable.Range(0, steps + 1).Select(s => (double)s / steps).ToArray(), scores);
    }

    /// <summary>Y (class probability on the input) and O (on the input times its map) per image.</summary>
    private static (double[] Y, double[] O) Confidences(ImageClassifier model, Tensor input, IReadOnlyList<CamResult> results)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(results);
        if (input.dim() != 4 || input.shape[0] != results.Count || results.Count == 0)
            throw new ArgumentException($"Give a batch [N, C, H, W] and one result per image; got [{string.Join(", ", input.shape)}] and {results.Count} result(s).", nameof(results));
        using var scope = torch.NewDisposeScope();
        using var state = ModelStateGuard.EvalFrozen(model);
        using var noGrad = torch.no_grad();
        Tensor maps = torch.stack(results.Select(r =>
        {
            if (r.Map.Height != input.shape[2] || r.Map.Width != input.shape[3])
                throw new ArgumentException($"Maps must have the input's size {input.shape[3]}x{input.shape[2]}; got {r.Map.Width}x{r.Map.Height}.", nameof(results));
            return r.Map.ToTensor();
        }).ToArray()).unsqueeze(1).to(input.dtype).to(input.device);
        Tensor classes = torch.tensor(results.Select(r => (long)r.ClassIndex).ToArray(), device: input.device).unsqueeze(1);
        Tensor y = model.call(input).softmax(1).gather(1, classes).squeeze(1).to(ScalarType.Float64).cpu();
        Tensor o = model.call(input * maps).softmax(1).gather(1, classes).squeeze(1).to(ScalarType.Float64).cpu();
        return (y.data<double>().ToArray(), o.data<double>().ToArray());
    }

    private static double Drop(double y, double o) => y > 0 ? 100.0 * Math.Max(0, y - o) / y : 0;
}
