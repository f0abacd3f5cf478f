namespace ModelZoo.Models.Tests.Support;

/// <summary>Tests that seed torch's global generator and compare two builds. Builders draw their weights from
/// that one generator, so these run alone (xUnit runs a collection with parallelization disabled after the
/// parallel ones, with nothing beside it).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRngCollection
{
    public const string Name = "Global torch RNG";
}
