using ModelZoo.Data.Transforms;

namespace ModelZoo.Cli.Commands;

/// <summary>A model with its weights, the evaluation preprocessing and class names, for `cam` and `filters`.
/// Disposing releases the model.</summary>
internal sealed record CamModelSource(ImageClassifier Model, ITransform Transform, IReadOnlyList<string>? Labels, string Weights,
    IDisposable Owner) : IDisposable
{
    /// <summary>What the user named with --weights (a catalog name, a weights file or a `modelzoo train` checkpoint),
    /// resolved by <see cref="ModelResolver"/> like every verb, with `predict`'s preprocessing overrides.</summary>
    public static async Task<CamModelSource> ResolveAsync(CliContext context, string model, string weights, ResolveOptions options,
        PreprocessingOverrides? overrides, CancellationToken cancellationToken)
    {
        ResolvedModel loaded = await ModelResolver.ResolveAsync(model, weights, options, new DownloadConsole(context).Progress, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await WeightsLoadingOptions.ReportAsync(context, options.Loading, loaded.LoadResult).ConfigureAwait(false);
            (ITransform transform, _) = (overrides ?? new PreprocessingOverrides()).ForImages(loaded, model);
            return new CamModelSource(loaded.Model, transform, loaded.Labels, loaded.Description, loaded);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    public void Dispose() => Owner.Dispose();
}
