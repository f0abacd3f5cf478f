namespace ModelZoo.Models.Tests.Oracle;

/// <summary>Tests that seed torch's global generator and then build a model: they must not interleave with other
/// tests drawing random numbers, so this collection runs alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(GlobalRngCollection), DisableParallelization = true)]
public sealed class GlobalRngCollection { }
