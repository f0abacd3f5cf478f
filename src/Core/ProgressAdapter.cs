namespace ModelZoo.Core;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its callback synchronously on the reporting thread. Unlike
/// <see cref="Progress{T}"/>, which posts each report to a captured context or the thread pool, reports arrive in
/// order and before the operation that made them returns. <see cref="Forward{TTarget}"/> converts reports for another
/// progress type (a download's bytes into a weights-download record, say).
/// </summary>
internal sealed class ProgressAdapter<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public ProgressAdapter(Action<T> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _report = report;
    }

    public void Report(T value) => _report(value);

    /// <summary>A progress that converts each report with <paramref name="convert"/> and passes it to
    /// <paramref name="target"/>; null when <paramref name="target"/> is null (nobody listens).</summary>
    public static IProgress<T>? Forward<TTarget>(IProgress<TTarget>? target, Func<T, TTarget> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        return target is null ? null : new ProgressAdapter<T>(value => target.Report(convert(value)));
    }
}
