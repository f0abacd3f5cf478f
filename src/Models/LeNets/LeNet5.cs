namespace ModelZoo.Models.LeNets;

/// <summary>
/// LeNet-5 in its common PyTorch forms: conv1 Conv2d(C,6,5) → act → pool → conv2 Conv2d(6,16,5) → act → pool →
/// fc1 → act → fc2(120→84) → act → fc3(84→classes), with act = <see cref="LeNet5Options.Activation"/> (ReLU by default;
/// tanh or sigmoid for the textbook forms) and pool = 2×2 <see cref="LeNet5Options.Pooling"/> (max by default; with
/// ReLU and max pooling the order of the two does not matter). fc1 takes 400 inputs for 32×32 images, 256 for 28×28.
/// State-dict keys: conv1, conv2, fc1, fc2, fc3 (weight and bias each).
/// </summary>
public sealed class LeNet5 : ImageClassifier
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private Linear fc3;

    public LeNet5(LeNet5Options? options = null) : base(nameof(LeNet5))
    {
        Options = options ?? new LeNet5Options();
        Options.Validate(classic: false);
        conv1 = nn.Conv2d(Options.InChannels, 6, 5);
        conv2 = nn.Conv2d(6, 16, 5);
        int spatial = (Options.InputSize - 4) / 2;   // after conv1 (k=5) and pool 2
        spatial = (spatial - 4) / 2;                   // after conv2 (k=5) and pool 2
        fc1 = nn.Linear(16 * spatial * spatial, 120);
        fc2 = nn.Linear(120, 84);
        fc3 = nn.Linear(84, Options.NumClasses);
        RegisterComponents();
    }

    public LeNet5Options Options { get; }

    public override ImageClassifier NewInstance() => new LeNet5(Options with { NumClasses = NumClasses, InChannels = InChannels });
    public override int NumClasses => (int)fc3.out_features;
    public override int MinInputSize => Options.InputSize;
    public override (int Height, int Width)? FixedInputSize => (Options.InputSize, Options.InputSize);
    public override string StemName => "conv1";
    public override string ClassifierName => "fc3";
    public override int NumFeatures => 84;

    public override IReadOnlyList<FeatureInfo> FeatureInfo { get; } =
        new[] { new FeatureInfo("conv1", 6, 2), new FeatureInfo("conv2", 16, 4) };

    protected override Tensor Features(Tensor input)
    {
        using Tensor c1 = conv1.call(input);
        using Tensor a1 = Act(c1);
        using Tensor p1 = Pool(a1);
        using Tensor c2 = conv2.call(p1);
        using Tensor a2 = Act(c2);
        return Pool(a2);
    }

    public override Tensor ForwardHead(Tensor features, bool preLogits = false)
    {
        using Tensor flat = features.flatten(1);
        using Tensor h1 = fc1.call(flat);
        using Tensor a1 = Act(h1);
        using Tensor h2 = fc2.call(a1);
        Tensor a2 = Act(h2);
        if (preLogits) return a2;
        using (a2) return fc3.call(a2);
    }

    public override void ResetClassifier(int numClasses)
    {
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "LeNet5 needs at least one class.");
        fc3 = nn.Linear(84, numClasses);
        ModuleSurgery.Replace(this, nameof(fc3), fc3).Dispose();
    }

    public override nn.Module<Tensor, Tensor> GetClassifier() => fc3;

    /// <summary>The activation in use (ReLU unless <see cref="LeNet5Options.Activation"/> says otherwise).</summary>
    public LeNetActivation Activation => Options.Activation ?? LeNetActivation.ReLU;

    private Tensor Act(Tensor x) => LeNetActivations.Apply(Activation, x);

    private Tensor Pool(Tensor x) => Options.Pooling == LeNetPooling.Max
        ? nn.functional.max_pool2d(x, 2)
        : nn.functional.avg_pool2d(x, 2);
}
