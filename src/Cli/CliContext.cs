namespace ModelZoo.Cli;

/// <summary>Where commands write: stdout for results (and --json), stderr for progress and errors.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }

    /// <summary>True when stderr is an interactive terminal (live progress bars); false in tests and pipes.</summary>
    public bool Interactive => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;
}
