using ModelZoo.Core.Preprocessing;
using ModelZoo.Models.Layers;

namespace ModelZoo.Models.GoogLeNets;

/// <summary>
/// GoogLeNet / Inception v1 (Szegedy et al. 2014) exactly as torchvision 0.14 builds it: BasicConv2d stem
/// (conv1 7×7/2, conv2 1×1, conv3 3×3), ceil-mode max-pools, Inception 3a–5b, average pool, dropout 0.2, fc,
/// and the auxiliary heads aux1 (after 4a) and aux2 (after 4d).
/// <para><c>forward</c> always returns the main logits (aux heads are skipped). A trainer uses
/// <see cref="ForwardWithAuxiliary"/> (or the typed <see cref="ForwardTraining"/>): in training mode with aux heads it
/// also returns both heads' logits, weighted <see cref="GoogLeNetOptions.AuxLossWeight"/> in
/// <see cref="ModelOutput.CombinedLoss"/> = main + 0.3·(aux1 + aux2).</para>
/// </summary>
public sealed class GoogLeNet : ImageClassifier, IAuxiliaryOutputs
{
    private readonly BasicConv2d conv1;
    private readonly MaxPool2d maxpool1;
    private readonly BasicConv2d conv2;
    private readonly BasicConv2d conv3;
    private readonly MaxPool2d maxpool2;
    private readonly Inception inception3a;
    private readonly Inception inception3b;
    private readonly MaxPool2d maxpool3;
    private readonly Inception inception4a;
    private readonly Inception inception4b;
    private readonly Inception inception4c;
    private readonly Inception inception4d;
    private readonly Inception inception4e;
    private readonly MaxPool2d maxpool4;
    private readonly Inception inception5a;
    private readonly Inception inception5b;
    private readonly InceptionAux? aux1;
    private readonly InceptionAux? aux2;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Dropout dropout;
    private nn.Module<Tensor, Tensor> fc;

    private readonly GoogLeNetOptions _options;

    private static readonly FeatureInfo[] s_featureInfo =
    {
        new("conv1", 64, 2), new("conv3", 192, 4), new("inception3b", 480, 8),
        new("inception4e", 832, 16), new("inception5b", 1024, 32),
    };

    public GoogLeNet(GoogLeNetOptions? options = null) : base(nameof(GoogLeNet))
    {
        _options = options ?? new GoogLeNetOptions();
        _options.Validate();

        // Construction order = torchvision's, so a seeded build draws the same random numbers.
        conv1 = new BasicConv2d(_options.InChannels, 64, 7, stride: 2, padding: 3);
        maxpool1 = CeilPool(3, 2);
        conv2 = new BasicConv2d(64, 64, 1);
        conv3 = new BasicConv2d(64, 192, 3, padding: 1);
        maxpool2 = CeilPool(3, 2);
        inception3a = new Inception(192, 64, 96, 128, 16, 32, 32);
        inception3b = new Inception(256, 128, 128, 192, 32, 96, 64);
        maxpool3 = CeilPool(3, 2);
        inception4a = new Inception(480, 192, 96, 208, 16, 48, 64);
        inception4b = new Inception(512, 160, 112, 224, 24, 64, 64);
        inception4c = new Inception(512, 128, 128, 256, 24, 64, 64);
        inception4d = new Inception(512, 112, 144, 288, 32, 64, 64);
        inception4e = new Inception(528, 256, 160, 320, 32, 128, 128);
        maxpool4 = CeilPool(2, 2);
        inception5a = new Inception(832, 256, 160, 320, 32, 128, 128);
        inception5b = new Inception(832, 384, 192, 384, 48, 128, 128);
        if (_options.AuxLogits)
        {
            aux1 = new InceptionAux(512, _options.NumClasses, _options.DropoutAux);
            aux2 = new InceptionAux(528, _options.NumClasses, _options.DropoutAux);
        }
        avgpool = nn.AdaptiveAvgPool2d(1);
        dropout = nn.Dropout(_options.Dropout);
        fc = ClassifierHead.Create(1024, _options.NumClasses);
        RegisterComponents();
        if (_options.InitWeights) InitWeights();
    }

    /// <summary>The options this model was built with (NumClasses as at construction).</summary>
    public GoogLeNetOptions Options => _options;

    public override ImageClassifier NewInstance() => new GoogLeNet(_options with { NumClasses = NumClasses, InChannels = InChannels, InitWeights = false });

    public override int NumClasses => ClassifierHead.NumClasses(fc);

    /// <summary>15, torchvision's <c>min_size</c>: below it maxpool3's 3×3 window no longer fits.</summary>
    public override int MinInputSize => 15;
    public override string StemName => "conv1.conv";
    public override string ClassifierName => "fc";
    public override IReadOnlyList<FeatureInfo> FeatureInfo => s_featureInfo;
    public override int NumFeatures => 1024;

    /// <summary>True when the model has aux heads and is in training mode.</summary>
    public bool HasActiveAuxiliaryHeads => training && aux1 is not null;

    /// <summary>Main logits plus, when <see cref="HasActiveAuxiliaryHeads"/>, aux1 and aux2 with weight
    /// <see cref="GoogLeNetOptions.AuxLossWeight"/>; otherwise no auxiliary outputs.</summary>
    public ModelOutput ForwardWithAuxiliary(Tensor input) => ForwardTraining(input).ToModelOutput(_options.AuxLossWeight);

    /// <summary>torchvision's training forward as a typed result: (logits, aux2, aux1); the aux fields are null
    /// unless <see cref="HasActiveAuxiliaryHeads"/>.</summary>
    public GoogLeNetOutputs ForwardTraining(Tensor input)
    {
        ValidateInput(input);
        bool withAux = HasActiveAuxiliaryHeads;
        (Tensor features, Tensor? a1, Tensor? a2) = Trunk(input, withAux);
        using (features)
            return new GoogLeNetOutputs(ForwardHead(features), a2, a1);
    }

    protected override Tensor Features(Tensor input) => Trunk(input, withAux: false).Features;

    /// <summary>avgpool → flatten → dropout → fc; with <paramref name="preLogits"/> the pooled [N, 1024] vector.</summary>
    public override Tensor ForwardHead(Tensor features, bool preLogits = false) =>
        ClassifierHead.PoolAndClassify(features, avgpool, dropout, fc, preLogits);

    /// <summary>Replaces <c>fc</c> and the aux heads' <c>fc2</c> with fresh layers for <paramref name="numClasses"/>
    /// outputs (0 = identity) on the same device and dtype, so the combined loss keeps working.</summary>
    public override void ResetClassifier(int numClasses)
    {
        fc = ClassifierHead.Replace(this, nameof(fc), NumFeatures, numClasses, conv3.parameters().First());
        aux1?.ResetClassifier(numClasses);
        aux2?.ResetClassifier(numClasses);
    }

    public override nn.Module<Tensor, Tensor> GetClassifier() => fc;

    /// <summary>Per-channel factor of <see cref="GoogLeNetOptions.TransformInput"/>: std_c / 0.5 (RGB, ImageNet's std).</summary>
    public static IReadOnlyList<double> TransformInputScale { get; } = DatasetStatistics.ImageNetStd.Select(s => s / 0.5).ToArray();

    /// <summary>Per-channel offset of <see cref="GoogLeNetOptions.TransformInput"/>: (mean_c − 0.5) / 0.5 (RGB, ImageNet's mean).</summary>
    public static IReadOnlyList<double> TransformInputShift { get; } = DatasetStatistics.ImageNetMean.Select(m => (m - 0.5) / 0.5).ToArray();

    /// <summary>torchvision's <c>_transform_input</c>: x_c · (std_c / 0.5) + (mean_c − 0.5) / 0.5 per RGB channel, with
    /// ImageNet's statistics (the input arrives normalised with them; the Inception weights expect (x − 0.5) / 0.5).</summary>
    private static Tensor TransformInput(Tensor x)
    {
        using Tensor scale = torch.tensor(TransformInputScale.ToArray(), dtype: x.dtype, device: x.device).view(1, 3, 1, 1);
        using Tensor shift = torch.tensor(TransformInputShift.ToArray(), dtype: x.dtype, device: x.device).view(1, 3, 1, 1);
        using Tensor scaled = x * scale;
        return scaled + shift;
    }

    /// <summary>conv1 … inception5b, tapping aux1 after 4a and aux2 after 4d when <paramref name="withAux"/>.</summary>
    private (Tensor Features, Tensor? Aux1, Tensor? Aux2) Trunk(Tensor input, bool withAux)
    {
        bool owned = _options.TransformInput;
        Tensor x = owned ? TransformInput(input) : input;
        x = Run(x, owned, conv1, maxpool1, conv2, conv3, maxpool2, inception3a, inception3b, maxpool3, inception4a);
        Tensor? a1 = withAux ? aux1!.call(x) : null;
        x = Run(x, true, inception4b, inception4c, inception4d);
        Tensor? a2 = withAux ? aux2!.call(x) : null;
        x = Run(x, true, inception4e, maxpool4, inception5a, inception5b);
        return (x, a1, a2);
    }

    /// <summary>Applies <paramref name="modules"/> in order, disposing every intermediate (and the input when owned).</summary>
    private static Tensor Run(Tensor x, bool ownsInput, params nn.Module<Tensor, Tensor>[] modules)
    {
        foreach (nn.Module<Tensor, Tensor> module in modules)
        {
            Tensor y = module.call(x);
            if (ownsInput) x.Dispose();
            x = y;
            ownsInput = true;
        }
        return x;
    }

    private static MaxPool2d CeilPool(long kernel, long stride) => nn.MaxPool2d(kernel_size: kernel, stride: stride, ceil_mode: true);

    /// <summary>torchvision's init: truncated normal (std 0.01, bounds ±2) for every Conv2d and Linear weight in module
    /// order; BatchNorm weight 1, bias 0; Linear biases keep their default initialisation.</summary>
    private void InitWeights()
    {
        using var noGrad = torch.no_grad();
        foreach ((_, nn.Module m) in ModuleTree.NamedDescendants(this))
        {
            if (m is Conv2d conv) TorchInit.TruncNormal_(conv.weight!, mean: 0, std: 0.01, a: -2, b: 2);
            else if (m is Linear linear) TorchInit.TruncNormal_(linear.weight!, mean: 0, std: 0.01, a: -2, b: 2);
            else if (m is BatchNorm2d bn)
            {
                nn.init.ones_(bn.weight!);
                nn.init.zeros_(bn.bias!);
            }
        }
    }
}
