namespace ModelZoo.Models.GoogLeNets;

/// <summary>Options of <see cref="GoogLeNet"/>; defaults are torchvision's <c>GoogLeNet()</c> constructor's.</summary>
public sealed record GoogLeNetOptions : ClassifierOptions
{
    /// <summary>NumClasses 1000 (of <c>fc</c> and of the auxiliary heads' <c>fc2</c>), InChannels 3 (of <c>conv1</c>).</summary>
    public GoogLeNetOptions() : base(numClasses: 1000, inChannels: 3) { }

    /// <summary>Build the auxiliary heads <c>aux1</c> (after 4a) and <c>aux2</c> (after 4d) (default true, as torchvision's
    /// class). Without them the model has 344 state_dict entries and 6,624,904 parameters, the published count.</summary>
    public bool AuxLogits { get; init; } = true;

    /// <summary>torchvision's <c>_transform_input</c>: re-normalise an input normalised with ImageNet mean/std to
    /// the (x − 0.5)/0.5 scaling the original weights were trained with (default false; true for torchvision's
    /// pretrained weights). Needs 3 input channels.</summary>
    public bool TransformInput { get; init; }

    /// <summary>Initialise every Conv2d and Linear weight with a normal(0, 0.01) truncated to [−2, 2] and BatchNorm
    /// with weight 1 / bias 0, as torchvision (default true); false keeps the layers' default initialisation.</summary>
    public bool InitWeights { get; init; } = true;

    /// <summary>Dropout before <c>fc</c> (default 0.2).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Dropout inside each auxiliary head (default 0.7).</summary>
    public double DropoutAux { get; init; } = 0.7;

    /// <summary>Weight of each auxiliary loss in the combined loss main + w·(aux1 + aux2) (default 0.3, the paper's).</summary>
    public double AuxLossWeight { get; init; } = 0.3;

    internal void Validate()
    {
        ValidateClassifier();
        if (TransformInput && InChannels != 3)
            throw new ArgumentException($"TransformInput re-normalises RGB channels and needs InChannels = 3; got {InChannels}.", nameof(TransformInput));
        ValidateProbability(Dropout, nameof(Dropout));
        ValidateProbability(DropoutAux, nameof(DropoutAux));
        if (double.IsNaN(AuxLossWeight) || AuxLossWeight < 0)
            throw new ArgumentOutOfRangeException(nameof(AuxLossWeight), AuxLossWeight, "AuxLossWeight must be >= 0.");
    }
}
