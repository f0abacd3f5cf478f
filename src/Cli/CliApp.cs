using ModelZoo.Cli.Commands;

namespace ModelZoo.Cli;

/// <summary>The `modelzoo` command line. Output writers are injectable so tests run it in-process.</summary>
public static class CliApp
{
    /// <summary>Exit code for bad arguments or input.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while running.</summary>
    public const int Failure = 1;

    public static RootCommand BuildRoot(CliContext context)
    {
        ModelZoo.Onnx.Import.OnnxWeightsImporter.Register();   // .onnx files are weights for every verb
        var root = new RootCommand("ModelZoo: classic CNNs (LeNet, AlexNet, VGG, GoogLeNet, ResNet) for .NET on TorchSharp.");
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(SummaryCommand.Create(context));
        root.Subcommands.Add(ModelsCommand.Create(context));
        root.Subcommands.Add(PredictCommand.Create(context));
        root.Subcommands.Add(FinetuneCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(CamCommand.Create(context));
        root.Subcommands.Add(FiltersCommand.Create(context));
        root.Subcommands.Add(LrFindCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        RootCommand root = BuildRoot(context);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string verb = parse.CommandResult.Command == root ? "modelzoo" : $"modelzoo {parse.CommandResult.Command.Name}";
            string message = CliSuggestions.Describe(parse, root)
                ?? string.Join(" ", parse.Errors[0].Message.Split(new[] { '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
            await error.WriteLineAsync($"modelzoo: error: {message} (see '{verb} --help')").ConfigureAwait(false);
            return UsageError;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // One mapping from exception to exit code and message (CliErrors); the stack trace only on request.
            await error.WriteLineAsync(ex is OperationCanceledException ? "modelzoo: cancelled" : $"modelzoo: error: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("MODELZOO_DEBUG") == "1") await error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            return CliErrors.ExitCode(ex);
        }
    }
}
