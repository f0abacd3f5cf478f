namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo models`: lists registered architectures.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        Option<bool> json = CommonOptions.Json();
        var command = new Command("models", "List the registered model names.") { json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(Zoo.Entries.Select(e => new Dictionary<string, object>
                {
                    ["name"] = e.Name, ["family"] = e.Family, ["input"] = e.DefaultInputShape, ["description"] = e.Description,
                })));
                return 0;
            }
            foreach (ModelEntry e in Zoo.Entries)
                context.Output.WriteLine($"{e.Name,-20} {e.Family,-10} {string.Join('x', e.DefaultInputShape),-10} {e.Description}");
            return 0;
        });
        return command;
    }
}
