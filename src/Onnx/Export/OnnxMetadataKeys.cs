namespace ModelZoo.Onnx.Export;

/// <summary>The <c>metadata_props</c> keys an export writes (readable with ONNX Runtime's
/// <c>ModelMetadata.CustomMetadataMap</c>, Netron, or <see cref="Proto.ModelProto.Metadata"/>).</summary>
public static class OnnxMetadataKeys
{
    /// <summary>The model name, e.g. "resnet18".</summary>
    public const string Model = "modelzoo.model";

    /// <summary>Number of classes of the output.</summary>
    public const string NumClasses = "modelzoo.num_classes";

    /// <summary>Graph input name and shape, e.g. "input [N,3,224,224]".</summary>
    public const string Input = "modelzoo.input";

    /// <summary>Graph output name and shape, e.g. "logits [N,1000]".</summary>
    public const string Output = "modelzoo.output";

    /// <summary>"logits", "probabilities" (softmax included) or "features".</summary>
    public const string OutputKind = "modelzoo.output_kind";

    /// <summary>Class names as a JSON array of strings, in output order.</summary>
    public const string Labels = "modelzoo.labels";

    /// <summary>Preprocessing as JSON: {"resize":256,"crop":224,"interpolation":"bilinear","mean":[...],"std":[...],"input_range":"0-1"}.</summary>
    public const string Preprocessing = "modelzoo.preprocessing";

    /// <summary>"true" when batch norms were folded into convolutions.</summary>
    public const string FoldedBatchNorm = "modelzoo.folded_batch_norm";
}
