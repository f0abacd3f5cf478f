using System.CommandLine;
using System.Text.Json;
using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Imaging;
using ModelZoo.Models.Resolution;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo filters`: the first-layer kernels of a model as an image grid.</summary>
internal static class FiltersCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> model = CommonOptions.RequiredModel();
        var weights = new Option<string>("--weights", "-w")
        {
            Description = "Weights: a catalog name, a .pth/.pt/safetensors file, or a .ckpt from 'modelzoo train'.",
            Required = true,
        };
        var output = new Option<string>("--out", "-o") { Description = "Output PNG.", DefaultValueFactory = _ => "filters.png" };
        var scale = new Option<int>("--scale") { Description = "Pixels per kernel element (0 = cells of about 48 pixels).", DefaultValueFactory = _ => 0 };
        Option<int?> numClasses = ModelShapeOptions.NumClasses();
        Option<int?> inChannels = ModelShapeOptions.InChannels();
        Option<int?> inputSize = ModelShapeOptions.InputSize();
        var loading = new WeightsLoadingOptions();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("filters", "Draw the first convolution's kernels as an image grid.")
        {
            model, weights, output, scale, numClasses, inChannels, inputSize, json,
        };
        loading.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            int pixels = parse.GetValue(scale);
            if (pixels < 0) throw new ArgumentException($"--scale must be >= 0; got {pixels}.");
            string name = parse.GetValue(model)!, path = Path.GetFullPath(parse.GetValue(output)!);
            var options = new ResolveOptions { Model = ModelShapeOptions.Read(parse, numClasses, inChannels, inputSize), Loading = loading.Read(parse) };
            using CamModelSource source = await CamModelSource.ResolveAsync(context, name, parse.GetValue(weights)!, options, null, ct)
                .ConfigureAwait(false);
            ImageBuffer grid = FilterGrid.Render(source.Model, pixels);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ImageEncoder.SavePng(grid, path);
            var stem = (TorchSharp.Modules.Conv2d)Models.ModuleTree.Resolve(source.Model, source.Model.StemName);
            long[] shape = stem.weight!.shape;
            if (parse.GetValue(json))
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["model"] = name, ["weights"] = source.Weights, ["layer"] = source.Model.StemName, ["kernels"] = shape,
                    ["file"] = path, ["size"] = new[] { grid.Width, grid.Height },
                })).ConfigureAwait(false);
            else
                await context.Output.WriteLineAsync($"{name} {source.Model.StemName}: {shape[0]} kernels of {shape[1]}x{shape[2]}x{shape[3]} -> {path} ({grid.Width}x{grid.Height})").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
