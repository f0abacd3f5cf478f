using ModelZoo.Cam.Rendering;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo filters`: the first-layer kernels of a model as an image grid.</summary>
internal static class FiltersCommand
{
    public static Command Create(CliContext context)
    {
        var named = new ModelSourceOptions("Weights: a catalog name, a .pth/.pt/safetensors file, or a .ckpt from 'modelzoo train'.");
        Option<string> output = CommonOptions.OutputFile("Output PNG.", "filters.png");
        var scale = new Option<int>("--scale") { Description = "Pixels per kernel element (0 = cells of about 48 pixels).", DefaultValueFactory = _ => 0 };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("filters", "Draw the first convolution's kernels as an image grid.")
        {
            named.Model, named.Weights, output, scale, named.NumClasses, named.InChannels, named.InputSize, json,
        };
        named.Loading.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            int pixels = parse.GetValue(scale);
            if (pixels < 0) throw new ArgumentException($"--scale must be >= 0; got {pixels}.");
            string name = parse.GetValue(named.Model)!, path = Path.GetFullPath(parse.GetValue(output)!);
            using ResolvedModel loaded = await named.ResolveAsync(context, parse, ct).ConfigureAwait(false);
            ImageBuffer grid = FilterGrid.Render(loaded.Model, pixels);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ImageEncoder.SavePng(grid, path);
            var stem = (TorchSharp.Modules.Conv2d)Models.ModuleTree.Resolve(loaded.Model, loaded.Model.StemName);
            long[] shape = stem.weight!.shape;
            if (parse.GetValue(json))
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["model"] = name, ["weights"] = loaded.Description, ["layer"] = loaded.Model.StemName, ["kernels"] = shape,
                    ["file"] = path, ["size"] = new[] { grid.Width, grid.Height },
                })).ConfigureAwait(false);
            else
                await context.Output.WriteLineAsync($"{name} {loaded.Model.StemName}: {shape[0]} kernels of {shape[1]}x{shape[2]}x{shape[3]} -> {path} ({grid.Width}x{grid.Height})").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
