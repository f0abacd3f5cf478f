namespace ModelZoo.Models.LeNets;

/// <summary>Registers <c>lenet5</c>, <c>lenet5-classic</c>, <c>lenet5-tanh</c> and <c>lenet5-sigmoid</c> with the <see cref="Zoo"/>.</summary>
public sealed class LeNetFamily : IModelFamily
{
    public IEnumerable<ModelEntry> Entries { get; } = new[]
    {
        new ModelEntry("lenet5", "LeNet", "LeNet-5, modern form (ReLU, max-pool); 32x32 or 28x28 input",
            new[] { 1, 32, 32 }, o => LeNetBuilders.LeNet5(ToOptions(o), o.Seed))
        {
            InputRule = ForInput,
        },
        new ModelEntry("lenet5-classic", "LeNet", "LeNet-5 as in LeCun et al. 1998 (scaled tanh, trainable sub-sampling, C3 table)",
            new[] { 1, 32, 32 }, o => LeNetBuilders.LeNet5Classic(ToOptions(o), o.Seed)),
        new ModelEntry("lenet5-tanh", "LeNet", "LeNet-5, textbook form (tanh, average pooling); lenet5's keys; 32x32 or 28x28 input",
            new[] { 1, 32, 32 }, o => LeNetBuilders.LeNet5(ToOptions(o) with { Activation = LeNetActivation.Tanh, Pooling = LeNetPooling.Average }, o.Seed))
        {
            InputRule = ForInput,
        },
        new ModelEntry("lenet5-sigmoid", "LeNet", "LeNet-5 with sigmoid and average pooling (Dive into Deep Learning's form); 32x32 or 28x28 input",
            new[] { 1, 32, 32 }, o => LeNetBuilders.LeNet5(ToOptions(o) with { Activation = LeNetActivation.Sigmoid, Pooling = LeNetPooling.Average }, o.Seed))
        {
            InputRule = ForInput,
        },
    };

    /// <summary>The one LeNet-5 input-size rule: 28×28 images (MNIST and its kin, the synthetic shapes) get a LeNet-5
    /// built for 28×28 (fc1 takes 16·4·4 = 256 features), so no padding is needed; any other images get the paper's
    /// 32×32 model, and the data pipeline pads or resizes them to it. An InputSize the caller set is kept.
    /// The tanh and sigmoid variants are LeNet-5 with options and share it. (lenet5-classic has no such rule: it takes
    /// 32×32 only.)</summary>
    internal static ModelOptions ForInput(ModelOptions options, InputImage image) =>
        options.InputSize is null && image is { Height: 28, Width: 28 } ? options with { InputSize = 28 } : options;

    private static LeNet5Options ToOptions(ModelOptions o)
    {
        if (o.Dropout is not null)
            throw new ArgumentException("LeNet-5 has no dropout; leave ModelOptions.Dropout unset.", nameof(o));
        var options = o.ApplyTo(new LeNet5Options());
        return options with { InputSize = o.InputSize ?? options.InputSize };
    }
}
