namespace ModelZoo.Onnx.Export.Emitters.Classifiers;

/// <summary>The avgpool → flatten → classifier head shared by AlexNet and VGG.</summary>
internal static class Heads
{
    public static OnnxValue PoolFlattenClassify(OnnxGraphBuilder builder, nn.Module model, string path, OnnxValue features)
    {
        OnnxValue x = builder.EmitChild(model, path, "avgpool", features);
        x = builder.Flatten("flatten", x);
        return builder.EmitChild(model, path, "classifier", x);
    }
}
