namespace ModelZoo.Core.Pickle;

/// <summary>An object made by an allow-list's constructor that accepts the pickle's <c>BUILD</c> opcode (Python's
/// <c>__setstate__</c>), as a numpy array takes its shape, dtype and bytes. BUILD on anything else than these and a
/// <see cref="PickleDict"/> (whose state becomes its attributes) is an error.</summary>
internal interface IPickleBuildTarget
{
    /// <summary>Takes <paramref name="state"/>; throws <see cref="PickleContext.Fail"/>'s error when it is malformed.</summary>
    void Build(object? state, PickleContext context);
}
