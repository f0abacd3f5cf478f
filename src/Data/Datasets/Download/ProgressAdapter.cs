namespace ModelZoo.Data.Datasets.Download;

/// <summary>Forwards progress reports synchronously, converted (unlike Progress&lt;T&gt;, which posts them to the thread
/// pool and can deliver them late and out of order).</summary>
internal sealed class ProgressAdapter<TIn, TOut> : IProgress<TIn>
{
    private readonly IProgress<TOut> _target;
    private readonly Func<TIn, TOut> _convert;

    public ProgressAdapter(IProgress<TOut> target, Func<TIn, TOut> convert)
    {
        _target = target;
        _convert = convert;
    }

    public void Report(TIn value) => _target.Report(_convert(value));
}
