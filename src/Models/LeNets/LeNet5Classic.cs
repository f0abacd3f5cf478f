namespace ModelZoo.Models.LeNets;

/// <summary>
/// LeNet-5 as in LeCun, Bottou, Bengio and Haffner (1998): scaled tanh 1.7159·tanh(2x/3) after every layer
/// up to F6, trainable sub-sampling S2/S4, C3's partial connection table (Table I), C5 a 5×5 convolution
/// to 120 maps and F6 with 84 units. Trainable parameters: C1 156, S2 12, C3 1,516, S4 32, C5 48,120,
/// F6 10,164. The paper's output layer of Euclidean RBF units with fixed codes is replaced by a linear
/// layer (<c>output</c>, 84→classes) so the model trains with cross-entropy like every other classifier.
/// </summary>
public sealed class LeNet5Classic : ImageClassifier
{
    /// <summary>Table I of the paper: the S2 maps each C3 map is connected to.</summary>
    public static IReadOnlyList<int[]> C3ConnectionTable { get; } = new[]
    {
        new[] { 0, 1, 2 }, new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 }, new[] { 4, 5, 0 }, new[] { 5, 0, 1 },
        new[] { 0, 1, 2, 3 }, new[] { 1, 2, 3, 4 }, new[] { 2, 3, 4, 5 }, new[] { 3, 4, 5, 0 }, new[] { 4, 5, 0, 1 },
        new[] { 5, 0, 1, 2 }, new[] { 0, 1, 3, 4 }, new[] { 1, 2, 4, 5 }, new[] { 0, 2, 3, 5 },
        new[] { 0, 1, 2, 3, 4, 5 },
    };

    private readonly Conv2d c1;
    private readonly Subsampling s2;
    private readonly PartialConv2d c3;
    private readonly Subsampling s4;
    private readonly Conv2d c5;
    private readonly Linear f6;
    private Linear output;
    private readonly LeNet5Options _options;

    public LeNet5Classic(LeNet5Options? options = null) : base(nameof(LeNet5Classic))
    {
        _options = options ?? new LeNet5Options();
        _options.Validate(classic: true);
        c1 = nn.Conv2d(_options.InChannels, 6, 5);
        s2 = new Subsampling(6);
        c3 = new PartialConv2d(6, C3ConnectionTable, 5);
        s4 = new Subsampling(16);
        c5 = nn.Conv2d(16, 120, 5);
        f6 = nn.Linear(120, 84);
        output = nn.Linear(84, _options.NumClasses);
        RegisterComponents();
    }

    public override ImageClassifier NewInstance() => new LeNet5Classic(_options with { NumClasses = NumClasses, InChannels = InChannels });

    public override int NumClasses => (int)output.out_features;
    public override int MinInputSize => 32;
    public override (int Height, int Width)? FixedInputSize => (32, 32);
    public override string StemName => "c1";
    public override string ClassifierName => "output";
    public override int NumFeatures => 84;

    public override IReadOnlyList<FeatureInfo> FeatureInfo { get; } = new[]
    {
        new FeatureInfo("s2", 6, 2), new FeatureInfo("s4", 16, 4), new FeatureInfo("c5", 120, 32),
    };

    /// <summary>1.7159 · tanh(2x/3), the paper's squashing function (<see cref="LeNetActivations.ScaledTanh"/>).</summary>
    public static Tensor ScaledTanh(Tensor x) => LeNetActivations.ScaledTanh(x);

    protected override Tensor Features(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = ScaledTanh(c1.call(input));
        x = ScaledTanh(s2.call(x));
        x = ScaledTanh(c3.call(x));
        x = ScaledTanh(s4.call(x));
        x = ScaledTanh(c5.call(x));
        return x.MoveToOuterDisposeScope();
    }

    public override Tensor ForwardHead(Tensor features, bool preLogits = false)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = ScaledTanh(f6.call(features.flatten(1)));
        if (!preLogits) x = output.call(x);
        return x.MoveToOuterDisposeScope();
    }

    public override void ResetClassifier(int numClasses)
    {
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "LeNet5Classic needs at least one class.");
        output = nn.Linear(84, numClasses);
        ModuleSurgery.Replace(this, nameof(output), output).Dispose();
    }

    public override nn.Module<Tensor, Tensor> GetClassifier() => output;
}
