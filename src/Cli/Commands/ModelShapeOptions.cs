namespace ModelZoo.Cli.Commands;

/// <summary>Model options for building a model around a plain weights file (catalog weights imply them).</summary>
internal static class ModelShapeOptions
{
    public static Option<int?> NumClasses() => new("--num-classes")
    {
        Description = "Classes of the model (default: read from the weights file's classifier).",
    };

    public static Option<int?> InChannels() => new("--in-channels") { Description = "Input channels (default: the family's)." };

    public static Option<int?> InputSize() => new("--input-size") { Description = "Input size for fixed-size families (LeNet: 28 or 32)." };

    public static ModelOptions Read(ParseResult parse, Option<int?> numClasses, Option<int?> inChannels, Option<int?> inputSize) => new()
    {
        NumClasses = parse.GetValue(numClasses),
        InChannels = parse.GetValue(inChannels),
        InputSize = parse.GetValue(inputSize),
    };
}
