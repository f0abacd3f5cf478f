using System.CommandLine;

namespace ModelZoo.Cli.Commands;

/// <summary>Verbs added as their features land (summary, predict, finetune, lr-find).</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return PredictCommand.Create(context);
        yield return FinetuneCommand.Create(context);
        yield return LrFindCommand.Create(context);
    }
}
