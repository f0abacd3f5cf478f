namespace ModelZoo.Cli.Tests;

/// <summary>Tests that compare two training runs bit for bit: model builders and the trainer seed torch's global
/// generator, so these must not interleave with other tests drawing random numbers; the collection runs alone.</summary>
[CollectionDefinition(nameof(GlobalRngCollection), DisableParallelization = true)]
public sealed class GlobalRngCollection { }
