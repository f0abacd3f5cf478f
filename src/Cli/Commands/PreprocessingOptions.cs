namespace ModelZoo.Cli.Commands;

/// <summary>The preprocessing options of the verbs that run weights on images (predict, evaluate), defined once:
/// <c>--preset</c>, <c>--resize</c>, <c>--crop</c>, <c>--pad</c>, <c>--mean</c>, <c>--std</c>, <c>--input-size</c>;
/// read into <see cref="PreprocessingOverrides"/>.</summary>
internal sealed class PreprocessingOptions
{
    public PreprocessingOptions(string presetDefault)
    {
        Preset = new Option<string?>("--preset")
        {
            Description = "Preprocessing: imagenet (resize 256, crop 224, ImageNet mean/std), none (no resizing, cropping or padding: only "
                + "scale to [0,1] and normalise), or a weights name whose preset to use. Default: " + presetDefault,
        };
        Resize = new Option<int?>("--resize") { Description = "Shorter-side resize (bilinear) replacing the default (e.g. 32 for a CIFAR model)." };
        Crop = new Option<int?>("--crop") { Description = "Center-crop size replacing the default." };
        Pad = new Option<int?>("--pad") { Description = "Zero pixels added on every side after resizing and cropping (e.g. 2: 28x28 digits into a 32x32 LeNet-5)." };
        Mean = new Option<double[]?>("--mean") { Description = "Per-channel mean replacing the default (e.g. 0.1307, or 0.485 0.456 0.406).", AllowMultipleArgumentsPerToken = true };
        Std = new Option<double[]?>("--std") { Description = "Per-channel std replacing the default (e.g. 0.3081).", AllowMultipleArgumentsPerToken = true };
        InputSize = ModelShapeOptions.InputSize();
    }

    public Option<string?> Preset { get; }
    public Option<int?> Resize { get; }
    public Option<int?> Crop { get; }
    public Option<int?> Pad { get; }
    public Option<double[]?> Mean { get; }
    public Option<double[]?> Std { get; }
    public Option<int?> InputSize { get; }

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Preset, Resize, Crop, Pad, Mean, Std, InputSize }) command.Options.Add(option);
    }

    public PreprocessingOverrides Read(ParseResult parse)
    {
        var overrides = new PreprocessingOverrides
        {
            Preset = parse.GetValue(Preset),
            Resize = parse.GetValue(Resize),
            Crop = parse.GetValue(Crop),
            Pad = parse.GetValue(Pad),
            Mean = parse.GetValue(Mean) is { Length: > 0 } m ? m : null,
            Std = parse.GetValue(Std) is { Length: > 0 } s ? s : null,
            InputSize = parse.GetValue(InputSize),
        };
        overrides.Validate();
        return overrides;
    }
}
