namespace ModelZoo.Cli.Commands;

/// <summary>What the verbs that use a model with its weights (predict, cam, export, filters) take to resolve it, defined
/// once: <c>--model</c>, <c>--weights</c> (required), <c>--num-classes</c>, <c>--in-channels</c>, <c>--input-size</c>,
/// the <see cref="WeightsLoadingOptions"/> and <c>--device</c>. Each verb adds the options it offers to its command itself, so its help keeps
/// its own order.</summary>
/// <param name="weightsDescription">The help of <c>--weights</c>: the forms this verb accepts.</param>
/// <param name="inputSize">The verb's own <c>--input-size</c> (predict and cam: the preprocessing's); null creates one.</param>
internal sealed class ModelSourceOptions(string weightsDescription, Option<int?>? inputSize = null)
{
    /// <summary>For the verbs that preprocess images for the model (predict, cam): the options plus
    /// <paramref name="preprocessing"/> (<c>--preset</c>, <c>--resize</c>, <c>--crop</c>, ..., and its <c>--input-size</c>,
    /// which is the model's too), defaulting to the weights' own preset.</summary>
    public static ModelSourceOptions ForImages(string weightsDescription, out PreprocessingOptions preprocessing)
    {
        preprocessing = new PreprocessingOptions("the weights' own preset, imagenet for a plain file.");
        return new ModelSourceOptions(weightsDescription, preprocessing.InputSize);
    }

    public Option<string> Model { get; } = CommonOptions.RequiredModel();

    public Option<string> Weights { get; } = new("--weights", "-w") { Description = weightsDescription, Required = true };

    public Option<int?> NumClasses { get; } = ModelShapeOptions.NumClasses();

    public Option<int?> InChannels { get; } = ModelShapeOptions.InChannels();

    public Option<int?> InputSize { get; } = inputSize ?? ModelShapeOptions.InputSize();

    /// <summary>--key-map, --match-by, --allow-nonfinite (<see cref="WeightsLoadingOptions.AddTo"/>).</summary>
    public WeightsLoadingOptions Loading { get; } = new();

    /// <summary>--device for the verbs that run the model on a few images (predict, cam): the CPU unless asked.</summary>
    public Option<string?> Device { get; } = new("--device") { Description = "cpu, cuda or cuda:N (default: the CPU)." };

    /// <summary>The model options the user set (null where they left the family's default).</summary>
    public ModelOptions ReadModelOptions(ParseResult parse) => ModelShapeOptions.Read(parse, NumClasses, InChannels, InputSize);

    /// <summary>The model options and the weights-loading options the user set, for <see cref="ModelResolver"/>.</summary>
    public ResolveOptions ReadResolveOptions(ParseResult parse) => new() { Model = ReadModelOptions(parse), Loading = Loading.Read(parse) };

    /// <summary>The model and weights the user named, resolved by <see cref="ModelResolver"/> like every verb (downloads
    /// show progress), with what loading changed reported; dispose the result.</summary>
    public async Task<ResolvedModel> ResolveAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        ResolveOptions options = ReadResolveOptions(parse);
        ResolvedModel loaded = await ModelResolver.ResolveAsync(parse.GetValue(Model)!, parse.GetValue(Weights)!, options,
            new DownloadConsole(context).Progress, cancellationToken).ConfigureAwait(false);
        try
        {
            await WeightsLoadingOptions.ReportAsync(context, options.Loading, loaded.LoadResult).ConfigureAwait(false);
            return loaded;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }
}
