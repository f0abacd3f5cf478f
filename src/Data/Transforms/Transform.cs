namespace ModelZoo.Data.Transforms;

/// <summary>Typed base of every transform.</summary>
public abstract class Transform<TIn, TOut> : ITransform
    where TIn : notnull
    where TOut : notnull
{
    public Type InputType => typeof(TIn);
    public Type OutputType => typeof(TOut);

    public abstract TOut Apply(TIn input, Random random);

    object ITransform.Apply(object input, Random random) => input is TIn typed
        ? Apply(typed, random)
        : throw new ArgumentException(
            $"{GetType().Name} expects a {typeof(TIn).Name} input; got {input?.GetType().Name ?? "null"}.", nameof(input));

    public override string ToString() => GetType().Name;
}
