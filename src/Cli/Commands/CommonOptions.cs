using System.CommandLine;
using ModelZoo.Training.Jobs;

namespace ModelZoo.Cli.Commands;

/// <summary>Options shared by several verbs, with one definition each.</summary>
internal static class CommonOptions
{
    public static Option<string> Model(string defaultValue) => new("--model", "-m")
    {
        Description = "Registered model name (see 'modelzoo models').",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<string> RequiredModel() => new("--model", "-m")
    {
        Description = "Registered model name (see 'modelzoo models').",
        Required = true,
    };

    public static Option<string> Dataset(string? defaultValue) => new("--dataset", "-d")
    {
        Description = "Dataset: synthetic (embedded, no download), mnist, fashion-mnist, kmnist, imagefolder (class sub-folders; train/ and val/ when present).",
        DefaultValueFactory = _ => defaultValue!,
        Required = defaultValue is null,
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Directory with the dataset files (MNIST family: the IDX .gz files; downloaded there if missing).",
    };

    public static Option<IndexRange?> Range(string name, string description) => new(name)
    {
        Description = description + " (START:END, e.g. 0:8000).",
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseRange(r.Tokens[0].Value, r),
    };

    public static Option<int> Workers() => new("--workers")
    {
        Description = "Data loader worker threads decoding and augmenting in parallel (0 = on the training thread).",
        DefaultValueFactory = _ => 0,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object on stdout instead of text.",
    };

    private static IndexRange? ParseRange(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        try
        {
            return IndexRange.Parse(text);
        }
        catch (FormatException ex)
        {
            result.AddError(ex.Message);
            return null;
        }
    }
}
