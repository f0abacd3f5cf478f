using ModelZoo.Onnx.Proto;

namespace ModelZoo.Onnx.Tests;

/// <summary>The structural rules of ONNX's checker that the runtime relies on: names are assigned once (SSA), nodes are
/// topologically sorted (every input is a graph input, an initializer or an earlier node's output), graph outputs are
/// produced, every initializer is used and its data matches its shape, and an opset is imported.</summary>
internal static class OnnxChecker
{
    public static void Check(ModelProto model)
    {
        Assert.True(model.IrVersion >= 7, $"IR version {model.IrVersion}");
        Assert.True(model.DefaultOpset >= 13, $"opset {model.DefaultOpset}");
        GraphProto g = model.Graph;
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (ValueInfoProto input in g.Inputs) Assert.True(defined.Add(input.Name), $"duplicate name {input.Name}");
        foreach (TensorProto t in g.Initializers)
        {
            Assert.True(defined.Add(t.Name), $"duplicate initializer {t.Name}");
            if (t.DataType == TensorElementType.Float) Assert.Equal(t.ElementCount, t.ToFloatArray().Length);
            else Assert.Equal(t.ElementCount, t.ToInt64Array().Length);
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeProto node in g.Nodes)
        {
            foreach (string input in node.Inputs.Where(i => i.Length > 0))
            {
                Assert.True(defined.Contains(input), $"{node} reads '{input}' before it is defined");
                used.Add(input);
            }
            foreach (string output in node.Outputs) Assert.True(defined.Add(output), $"'{output}' is assigned twice");
        }
        foreach (ValueInfoProto output in g.Outputs) Assert.True(defined.Contains(output.Name), $"output {output.Name} is never produced");
        foreach (TensorProto t in g.Initializers) Assert.True(used.Contains(t.Name), $"initializer {t.Name} is unused");
    }
}
