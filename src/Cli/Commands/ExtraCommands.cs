using System.CommandLine;

namespace ModelZoo.Cli.Commands;

/// <summary>Verbs added as their features land (summary, predict, finetune).</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield break;
    }
}
