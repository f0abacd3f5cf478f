using ModelZoo.Cam;
using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Transforms;
using TorchSharp;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo cam`: class activation maps of an image, drawn over it (one PNG per method and class, plus a grid).</summary>
internal static class CamCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Option<string>("--image", "-i") { Description = "Image file (JPEG, PNG, BMP, GIF, WebP).", Required = true };
        var method = new Option<string>("--method")
        {
            Description = $"{string.Join(", ", CamMethods.Names)}, a comma-separated list, or all.",
            DefaultValueFactory = _ => "gradcam",
        };
        var layer = new Option<string[]>("--target-layer")
        {
            Description = "Module path(s) to explain (layer4, features.28, inception5b, layer3.1.conv2); several are averaged. Default: the last feature stage.",
            AllowMultipleArgumentsPerToken = true,
        };
        var classes = new Option<string>("--class")
        {
            Description = "The class to explain: top1 (the prediction), topK (the K best), an index, or indices separated by commas.",
            DefaultValueFactory = _ => "top1",
        };
        var colormap = new Option<string>("--colormap") { Description = "jet, viridis, inferno or turbo.", DefaultValueFactory = _ => "jet" };
        colormap.AcceptOnlyFromAmong(Colormap.Names.ToArray());
        var imageWeight = new Option<double>("--image-weight") { Description = "Weight of the image in the overlay, 0 to 1.", DefaultValueFactory = _ => 0.5 };
        Option<string> output = CommonOptions.OutputFile(
            "Output PNG. With several methods or classes each overlay goes to OUT-METHOD[-cCLASS].png and OUT holds a labelled grid.", "cam.png");
        var named = ModelSourceOptions.ForImages(
            "Weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...), a .pth/.pt/safetensors file, or a .ckpt from 'modelzoo train'.",
            out PreprocessingOptions preprocessing);
        Option<bool> json = CommonOptions.Json();

        var command = new Command("cam", "Class activation maps (CAM, Grad-CAM family) of an image, drawn over the original image.")
        {
            named.Model, named.Weights, image, method, layer, classes, colormap, imageWeight, output, named.NumClasses, named.InChannels, named.Device, json,
        };
        preprocessing.AddTo(command);
        named.Loading.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string methods = parse.GetValue(method)!;
            var request = new CamRequest(parse.GetValue(named.Model)!, parse.GetValue(named.Weights)!, parse.GetValue(image)!,
                ParseMethods(methods), methods.Trim().Equals("all", StringComparison.OrdinalIgnoreCase), SplitLayers(parse.GetValue(layer)), parse.GetValue(classes)!,
                new OverlayOptions { Colormap = parse.GetValue(colormap)!, ImageWeight = parse.GetValue(imageWeight) }, parse.GetValue(output)!,
                parse.GetValue(json));
            if (!File.Exists(request.Image)) throw new FileNotFoundException($"Image not found: {Path.GetFullPath(request.Image)}.", request.Image);
            PreprocessingOverrides overrides = preprocessing.Read(parse);
            using ResolvedModel loaded = await named.ResolveAsync(context, parse, ct).ConfigureAwait(false);
            (ITransform transform, _) = overrides.ForImages(loaded, request.Model);
            if (parse.GetValue(named.Device) is { } d) loaded.Model.to(Devices.Resolve(d));
            return await CamRun.RunAsync(context, loaded, transform, request, ct).ConfigureAwait(false);
        });
        return command;
    }

    internal static IReadOnlyList<string> ParseMethods(string text)
    {
        string[] names = text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
            ? CamMethods.Names.ToArray()
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException($"--method needs a name: {string.Join(", ", CamMethods.Names)} or all.");
        return names.Select(CamMethods.Normalize).Distinct().ToArray();
    }

    private static IReadOnlyList<string>? SplitLayers(string[]? layers)
    {
        string[] all = (layers ?? Array.Empty<string>()).SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return all.Length == 0 ? null : all;
    }
}

/// <summary>The parsed `modelzoo cam` arguments.</summary>
internal sealed record CamRequest(string Model, string Weights, string Image, IReadOnlyList<string> Methods, bool AllMethods, IReadOnlyList<string>? Layers,
    string Classes, OverlayOptions Overlay, string Out, bool Json);
