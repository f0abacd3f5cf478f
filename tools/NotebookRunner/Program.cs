using ModelZoo.NotebookRunner;

if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
{
    Console.WriteLine(RunnerCommand.Usage);
    return 0;
}
RunnerCommand command;
string root;
try
{
    command = RunnerCommand.Parse(args);
    root = RepositoryRoot.Find(command.Notebooks.Count > 0 ? Path.GetDirectoryName(Path.GetFullPath(command.Notebooks[0]))! : Environment.CurrentDirectory);
    if (command.Notebooks.Count == 0)
        command = command with { Notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray() };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"notebook-runner: {e.Message}");
    return 2;
}
return await new RunnerApp(command, root, Console.Out, Console.Error).RunAsync();
