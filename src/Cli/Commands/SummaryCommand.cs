using ModelZoo.Models.Summary;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo summary MODEL`: a Keras-like table (or JSON) of layers, output shapes, parameters and MACs.</summary>
internal static class SummaryCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "Registered model name (see 'modelzoo models')." };
        var input = new Option<string?>("--input")
        {
            Description = "Input shape CxHxW (or NxCxHxW), e.g. 3x224x224; default: the model's usual input.",
        };
        var classes = new Option<int?>("--num-classes") { Description = "Number of classes (default: the family's)." };
        var training = new Option<bool>("--training") { Description = "Summarise the training-mode forward (auxiliary heads included)." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("summary", "Show a model's layers, output shapes, parameters and multiply-accumulates.")
        {
            model, input, classes, training, json,
        };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!;
            ModelEntry entry = Zoo.Get(name);
            long[] shape = parse.GetValue(input) is { } text ? ParseShape(text) : entry.DefaultInputShape.Select(d => (long)d).ToArray();
            var options = new ModelOptions { NumClasses = parse.GetValue(classes) };
            ModelSummaryResult result = ModelSummary.Compute(entry.Name, shape, parse.GetValue(training), options);
            context.Output.WriteLine(parse.GetValue(json) ? result.ToJson() : result.ToTable());
            return 0;
        });
        return command;
    }

    /// <summary>Parses "CxHxW" or "NxCxHxW".</summary>
    internal static long[] ParseShape(string text)
    {
        string[] parts = text.ToLowerInvariant().Split('x', StringSplitOptions.TrimEntries);
        var dims = new long[parts.Length];
        bool ok = parts.Length is 3 or 4;
        for (int i = 0; ok && i < parts.Length; i++)
            ok = long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) && dims[i] > 0;
        if (!ok) throw new FormatException($"Invalid --input '{text}': expected CxHxW or NxCxHxW with positive sizes, e.g. 3x224x224.");
        return dims;
    }
}
