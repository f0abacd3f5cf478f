namespace ModelZoo.Models.LeNets;

/// <summary>Public builders of the LeNet family.</summary>
public static class LeNetBuilders
{
    /// <summary>LeNet-5 (modern form).</summary>
    public static LeNet5 LeNet5(LeNet5Options? options = null, long? seed = null) => SeedScope.Build(seed, () => new LeNet5(options));

    /// <summary>LeNet-5 as in the 1998 paper.</summary>
    public static LeNet5Classic LeNet5Classic(LeNet5Options? options = null, long? seed = null) => SeedScope.Build(seed, () => new LeNet5Classic(options));
}
