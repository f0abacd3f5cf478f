namespace ModelZoo.Training.Tests.Resume;

/// <summary>Tests that compare two runs bit for bit: model builders and the trainer seed torch's global generator, so
/// these must not interleave with other tests drawing random numbers; the collection runs alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(GlobalRngCollection), DisableParallelization = true)]
public sealed class GlobalRngCollection { }
