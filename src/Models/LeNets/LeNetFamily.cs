namespace ModelZoo.Models.LeNets;

/// <summary>Registers <c>lenet5</c> and <c>lenet5-classic</c> with the <see cref="Zoo"/>.</summary>
public sealed class LeNetFamily : IModelFamily
{
    public IEnumerable<ModelEntry> Entries { get; } = new[]
    {
        new ModelEntry("lenet5", "LeNet", "LeNet-5, modern form (ReLU, max-pool); 32x32 or 28x28 input",
            new[] { 1, 32, 32 }, o => LeNetBuilders.LeNet5(ToOptions(o), o.Seed)),
        new ModelEntry("lenet5-classic", "LeNet", "LeNet-5 as in LeCun et al. 1998 (scaled tanh, trainable sub-sampling, C3 table)",
            new[] { 1, 32, 32 }, o => LeNetBuilders.LeNet5Classic(ToOptions(o), o.Seed)),
    };

    private static LeNet5Options ToOptions(ModelOptions o)
    {
        if (o.Dropout is not null)
            throw new ArgumentException("LeNet-5 has no dropout; leave ModelOptions.Dropout unset.", nameof(o));
        var options = new LeNet5Options();
        return options with
        {
            NumClasses = o.NumClasses ?? options.NumClasses,
            InChannels = o.InChannels ?? options.InChannels,
            InputSize = o.InputSize ?? options.InputSize,
        };
    }
}
