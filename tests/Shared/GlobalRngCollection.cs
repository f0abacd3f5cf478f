namespace ModelZoo.Tests;

/// <summary>Tests that seed torch's global generator and then build a model: they must not interleave with other
/// tests drawing random numbers, so this collection runs alone, after the parallel ones (one definition, linked into
/// every test project).</summary>
[CollectionDefinition(nameof(GlobalRngCollection), DisableParallelization = true)]
public sealed class GlobalRngCollection { }
