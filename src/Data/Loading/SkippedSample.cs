namespace ModelZoo.Data.Loading;

/// <summary>A sample the loader left out under <see cref="SampleErrorPolicy.Skip"/>: where it was and why.</summary>
public sealed record SkippedSample(int Epoch, int Index, string? Path, string Reason);
