using ModelZoo.Core.Preprocessing;
using ModelZoo.Onnx.Export;
using ModelZoo.Onnx.Serving;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo export`: a model with its weights as ONNX (for ONNX Runtime, ML.NET) or as a Triton repository entry.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var named = new ModelSourceOptions("Weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...), a .pth/.pt/safetensors/.onnx file, or a .ckpt from 'modelzoo train' (its classes and preprocessing go into the metadata).");
        var output = new Option<string?>("--out", "-o") { Description = "The .onnx file to write (default: MODEL.onnx)." };
        var opset = new Option<int>("--opset")
        {
            Description = $"ONNX operator set, {OnnxOpsets.Supported[0]}..{OnnxOpsets.Supported[^1]}.", DefaultValueFactory = _ => OnnxOpsets.Default,
        };
        var dynamicBatch = new Option<bool>("--dynamic-batch") { Description = "Symbolic batch dimension N (default: batch 1)." };
        var softmax = new Option<bool>("--include-softmax") { Description = "Output class probabilities instead of logits." };
        var fold = new Option<bool>("--fold-batch-norm") { Description = "Fold batch norms into the preceding convolutions." };
        var imageSize = new Option<int?>("--image-size") { Description = "Input height and width of the graph (default: the weights' crop size, else the model's usual input)." };
        var triton = new Option<string?>("--triton") { Description = "Write a Triton model repository entry DIR/NAME/1/model.onnx + DIR/NAME/config.pbtxt instead of --out." };
        var tritonName = new Option<string?>("--triton-name") { Description = "Model name in the Triton repository (default: MODEL)." };
        var maxBatch = new Option<int>("--max-batch-size") { Description = "Triton max_batch_size (0: fixed batch 1).", DefaultValueFactory = _ => 8 };
        Option<bool> json = CommonOptions.Json();

        var command = new Command("export", "Export a model with its weights to ONNX (ONNX Runtime, ML.NET, Triton, KServe).")
        {
            named.Model, named.Weights, output, opset, dynamicBatch, softmax, fold, imageSize, triton, tritonName, maxBatch, named.NumClasses,
            named.InChannels, named.InputSize, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            ModelEntry entry = Zoo.Get(parse.GetValue(named.Model)!);
            string name = entry.Name, weightsText = parse.GetValue(named.Weights)!;
            OnnxOpsets.Validate(parse.GetValue(opset));
            if (parse.GetValue(imageSize) is < 1) throw new ArgumentException("--image-size must be >= 1.");
            if (parse.GetValue(triton) is not null && parse.GetValue(output) is not null) throw new ArgumentException("Give --out or --triton, not both.");
            using ResolvedModel loaded = await ModelResolver.ResolveAsync(name, weightsText,
                new ResolveOptions { Model = named.ReadModelOptions(parse) },
                new DownloadConsole(context).Progress, ct).ConfigureAwait(false);
            ImageClassifier net = loaded.Model;
            IReadOnlyList<string>? labels = loaded.Labels;
            InferencePreset? preset = loaded.PreprocessingKnown ? loaded.Preprocessing : null;
            int? size = parse.GetValue(imageSize) ?? (net.FixedInputSize is null ? preset?.CropSize ?? entry.DefaultImageSize : null);
            var options = new OnnxExportOptions
            {
                Opset = parse.GetValue(opset), DynamicBatch = parse.GetValue(dynamicBatch), IncludeSoftmax = parse.GetValue(softmax),
                FoldBatchNorm = parse.GetValue(fold), InputSize = size, ModelName = name,
                Labels = labels is not null && labels.Count == net.NumClasses ? labels : null, Preprocessing = preset,
            };
            OnnxExportResult result;
            string? config = null;
            if (parse.GetValue(triton) is { } repository)
            {
                TritonModelEntry written = TritonModelRepository.Write(net, repository, parse.GetValue(tritonName) ?? name, parse.GetValue(maxBatch), options);
                result = written.Export;
                config = written.ConfigPath;
            }
            else result = OnnxExport.Save(net, parse.GetValue(output) ?? $"{name}.onnx", options);
            await WriteAsync(context, name, weightsText, result, config, parse.GetValue(json)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, string name, string weights, OnnxExportResult r, string? config, bool json)
    {
        if (json)
        {
            var fields = new Dictionary<string, object>
            {
                ["model"] = name, ["weights"] = weights, ["onnx"] = r.Path, ["opset"] = r.Opset, ["input"] = r.InputName,
                ["input_shape"] = r.InputShape, ["output"] = r.OutputName, ["output_shape"] = r.OutputShape, ["nodes"] = r.Nodes,
                ["initializers"] = r.Initializers, ["bytes"] = r.Bytes, ["folded_batch_norms"] = r.FoldedBatchNorms,
            };
            if (config is not null) fields["triton_config"] = config;
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(fields)).ConfigureAwait(false);
            return;
        }
        string folded = r.FoldedBatchNorms > 0 ? $", {r.FoldedBatchNorms} batch norms folded" : "";
        string triton = config is null ? "" : $"; Triton config {config}";
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name} -> {r.Path} (opset {r.Opset}, {r.Nodes} nodes, {r.Bytes / 1e6:F1} MB): {r.InputName} {OnnxMetadata.ShapeText(r.InputShape)} -> {r.OutputName} {OnnxMetadata.ShapeText(r.OutputShape)}{folded}{triton}")).ConfigureAwait(false);
    }
}
