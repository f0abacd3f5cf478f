namespace ModelZoo.Cam.Tests.Support;

/// <summary>Tests that measure the process (RSS): they run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(QuietCollection), DisableParallelization = true)]
public sealed class QuietCollection { }
