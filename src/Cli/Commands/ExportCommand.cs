using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelZoo.Cli.Output;
using ModelZoo.Models;
using ModelZoo.Models.Pretrained;
using ModelZoo.Models.Weights;
using ModelZoo.Onnx.Export;
using ModelZoo.Onnx.Serving;
using ModelZoo.Training.Checkpoints;

namespace ModelZoo.Cli.Commands;

/// <summary>`modelzoo export`: a model with its weights as ONNX (for ONNX Runtime, ML.NET) or as a Triton repository entry.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> model = CommonOptions.RequiredModel();
        var weights = new Option<string>("--weights", "-w")
        {
            Description = "Weights: a catalog name (DEFAULT, IMAGENET1K_V1, ...), a .pth/.pt/safetensors/.onnx file, or a .ckpt from 'modelzoo train' (its classes and preprocessing go into the metadata).",
            Required = true,
        };
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
        Option<int?> numClasses = ModelShapeOptions.NumClasses();
        Option<int?> inChannels = ModelShapeOptions.InChannels();
        Option<int?> inputSize = ModelShapeOptions.InputSize();
        Option<bool> json = CommonOptions.Json();

        var command = new Command("export", "Export a model with its weights to ONNX (ONNX Runtime, ML.NET, Triton, KServe).")
        {
            model, weights, output, opset, dynamicBatch, softmax, fold, imageSize, triton, tritonName, maxBatch, numClasses, inChannels, inputSize, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            string name = Zoo.Get(parse.GetValue(model)!).Name, weightsText = parse.GetValue(weights)!;
            OnnxOpsets.Validate(parse.GetValue(opset));
            if (parse.GetValue(imageSize) is < 1) throw new ArgumentException("--image-size must be >= 1.");
            if (parse.GetValue(triton) is not null && parse.GetValue(output) is not null) throw new ArgumentException("Give --out or --triton, not both.");
            (ImageClassifier net, IReadOnlyList<string>? labels, InferencePreset? preset) = await LoadAsync(context, name, weightsText,
                ModelShapeOptions.Read(parse, numClasses, inChannels, inputSize), ct).ConfigureAwait(false);
            using (net)
            {
                int? size = parse.GetValue(imageSize) ?? (net.FixedInputSize is null ? preset?.CropSize ?? Zoo.Get(name).DefaultInputShape[1] : null);
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
                    TritonModelEntry entry = TritonModelRepository.Write(net, repository, parse.GetValue(tritonName) ?? name, parse.GetValue(maxBatch), options);
                    result = entry.Export;
                    config = entry.ConfigPath;
                }
                else result = OnnxExport.Save(net, parse.GetValue(output) ?? $"{name}.onnx", options);
                await WriteAsync(context, name, weightsText, result, config, parse.GetValue(json)).ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The model with its weights, class names and preprocessing: a ModelZoo checkpoint, or anything
    /// <see cref="PretrainedLoader"/> reads (catalog names, state-dict files, .onnx).</summary>
    private static async Task<(ImageClassifier, IReadOnlyList<string>?, InferencePreset?)> LoadAsync(CliContext context, string name, string weights,
        ModelOptions modelOptions, CancellationToken ct)
    {
        if (File.Exists(weights) && WeightFile.Detect(weights) == WeightFileFormat.ModelZooCheckpoint)
        {
            (ImageClassifier net, CheckpointInfo info) = Checkpoint.Load(weights);
            if (!string.Equals(info.Model, name, StringComparison.OrdinalIgnoreCase))
            {
                net.Dispose();
                throw new ArgumentException($"Checkpoint {weights} holds model '{info.Model}', not '{name}'.");
            }
            InferencePreset? preset = null;
            if (info.Mean is { } mean && info.Std is { } std)
            {
                int crop = net.FixedInputSize?.Height ?? Zoo.Get(name).DefaultInputShape[1];
                int resize = info.ImageSize is { Length: 2 } ? crop : crop * InferencePreset.ImageNet.ResizeSize / InferencePreset.ImageNet.CropSize;
                preset = new InferencePreset(resize, crop, ResizeInterpolation.Bilinear, mean, std);
            }
            return (net, info.Classes, preset);
        }
        PretrainedModel loaded = await PretrainedLoader.LoadAsync(name, weights, new PretrainedOptions { Model = modelOptions },
            new DownloadConsole(context).Progress, ct).ConfigureAwait(false);
        return (loaded.Model, loaded.Categories, loaded.Preset);
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
