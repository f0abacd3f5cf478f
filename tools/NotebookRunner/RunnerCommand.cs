namespace ModelZoo.NotebookRunner;

/// <summary>The parsed command line of the runner.</summary>
public sealed record RunnerCommand
{
    /// <summary>run, update or export.</summary>
    public required string Verb { get; init; }

    /// <summary>The notebooks, as given (all of notebooks/*.ipynb when none are).</summary>
    public required IReadOnlyList<string> Notebooks { get; init; }

    /// <summary>Per-notebook overrides from --parameters FILE: notebook name (without .ipynb) → name → C# expression.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> ParameterFile { get; init; } = new Dictionary<string, Dictionary<string, string>>();

    /// <summary>Overrides from --set NAME=EXPR, for every notebook.</summary>
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>--refresh-packages: remove the extracted ModelZoo packages from the NuGet cache first.</summary>
    public bool RefreshPackages { get; init; }

    /// <summary>--no-samples: do not check (run) or write (update) samples/NN-name.cs.</summary>
    public bool NoSamples { get; init; }

    public const string Usage = """
        usage: ModelZoo.NotebookRunner run|update|export [options] [NOTEBOOK.ipynb ...]
          run      execute every cell in one C# kernel; fail on the first error (notebook, cell, error); the .ipynb is
                   left as it is; also checks that samples/NN-name.cs is current and compiles
          update   execute, then write the outputs into the .ipynb and write samples/NN-name.cs
          export   write samples/NN-name.cs without executing
        With no NOTEBOOK, every notebooks/*.ipynb of the repository.
        options:
          --parameters FILE    JSON {"NN-name": {"parameter": "C# expression", ...}, ...} applied after each parameters cell
          --set NAME=EXPR      override one parameter in every notebook run (repeatable)
          --refresh-packages   first remove the extracted ModelZoo packages (modelzoo.*) from the NuGet global packages
                               folder, so a new dotnet pack of the same version is used
          --no-samples         neither check nor write samples/
        """;

    /// <summary>Parses <paramref name="args"/>; bad input is an <see cref="ArgumentException"/> with a one-line message.</summary>
    public static RunnerCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("run" or "update" or "export"))
            throw new ArgumentException($"expected a verb run, update or export, got '{(args.Count == 0 ? "" : args[0])}'. Try --help.");
        var notebooks = new List<string>();
        var set = new Dictionary<string, string>();
        var file = new Dictionary<string, Dictionary<string, string>>();
        bool refresh = false, noSamples = false;
        for (int i = 1; i < args.Count; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{a} needs a value.");
            switch (a)
            {
                case "--parameters":
                    string path = Next();
                    if (!File.Exists(path)) throw new ArgumentException($"--parameters: file not found: {path}");
                    file = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(path))
                        ?? throw new ArgumentException($"--parameters: {path} is empty; expected {{\"NN-name\": {{\"name\": \"expression\"}}}}.");
                    break;
                case "--set":
                    string kv = Next();
                    int eq = kv.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--set expects NAME=EXPR, got '{kv}'.");
                    set[kv[..eq]] = kv[(eq + 1)..];
                    break;
                case "--refresh-packages": refresh = true; break;
                case "--no-samples": noSamples = true; break;
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unknown option {a}. Try --help.");
                    if (!a.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || !File.Exists(a))
                        throw new ArgumentException($"notebook not found or not an .ipynb file: {a}");
                    notebooks.Add(a);
                    break;
            }
        }
        return new RunnerCommand { Verb = args[0], Notebooks = notebooks, Set = set, ParameterFile = file, RefreshPackages = refresh, NoSamples = noSamples };
    }

    /// <summary>The overrides for one notebook: its entry of the parameters file, then --set values.</summary>
    public IReadOnlyDictionary<string, string> ParametersFor(string notebook)
    {
        var values = new Dictionary<string, string>();
        if (ParameterFile.TryGetValue(Path.GetFileNameWithoutExtension(notebook), out var fromFile))
            foreach (var kv in fromFile) values[kv.Key] = kv.Value;
        foreach (var kv in Set) values[kv.Key] = kv.Value;
        return values;
    }
}
