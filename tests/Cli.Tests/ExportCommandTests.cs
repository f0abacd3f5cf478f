using System.Text.Json;
using ModelZoo.Onnx.Export;
using ModelZoo.Onnx.Proto;

namespace ModelZoo.Cli.Tests;

/// <summary>`modelzoo export` end to end: a real PyTorch checkpoint to ONNX and to a Triton entry, and its bad inputs.</summary>
public sealed class ExportCommandTests
{
    private static string LeNet => RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");

    [Fact]
    public async Task Exports_a_real_checkpoint_with_json_and_metadata()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = dir.File("lenet.onnx");
        JsonElement o = await CliRunner.JsonAsync("export", "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--out", path,
            "--dynamic-batch", "--opset", "13", "--json");
        Assert.Equal(Path.GetFullPath(path), o.GetProperty("onnx").GetString());
        Assert.Equal(new long[] { -1, 1, 28, 28 }, o.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(new long[] { -1, 10 }, o.GetProperty("output_shape").EnumerateArray().Select(e => e.GetInt64()));
        ModelProto proto = ModelProto.Read(path);
        Assert.Equal(13, proto.DefaultOpset);
        Assert.Equal("lenet5", proto.Metadata(OnnxMetadataKeys.Model));
        Assert.Equal("N", proto.Graph.Inputs[0].Shape![0].Param);
        Assert.Equal(new FileInfo(path).Length, o.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Writes_a_triton_repository_entry()
    {
        using var dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("export", "--model", "lenet5", "--input-size", "28", "--weights", LeNet,
            "--triton", dir.Path, "--triton-name", "digits", "--max-batch-size", "16", "--include-softmax");
        Assert.True(r.Exit == 0, r.Err);
        string config = File.ReadAllText(Path.Combine(dir.Path, "digits", "config.pbtxt"));
        Assert.Contains("name: \"digits\"", config);
        Assert.Contains("max_batch_size: 16", config);
        Assert.Contains("name: \"probabilities\"", config);
        Assert.Contains("dims: [ 1, 28, 28 ]", config);
        Assert.True(File.Exists(Path.Combine(dir.Path, "digits", "1", "model.onnx")));
    }

    [Theory]
    [InlineData("--opset", "9", "Unsupported ONNX opset 9")]
    [InlineData("--image-size", "0", "--image-size must be >= 1")]
    public async Task Bad_options_are_one_line_errors_with_exit_2(string option, string value, string message)
    {
        using var dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("export", "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--out", dir.File("x.onnx"), option, value);
        Assert.Equal(2, r.Exit);
        Assert.Contains(message, r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.DoesNotContain("Actual value was", r.Err);   // .NET's ArgumentOutOfRangeException suffix repeats the value
    }

    [Fact]
    public async Task A_truncated_onnx_file_as_weights_is_a_one_line_error()
    {
        using var dir = RepoPaths.NewTempDir();
        string good = dir.File("good.onnx");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--out", good)).Exit);
        byte[] bytes = File.ReadAllBytes(good);
        string cut = dir.File("cut.onnx");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var r = await CliRunner.RunAsync("export", "--model", "lenet5", "--input-size", "28", "--weights", cut, "--out", dir.File("again.onnx"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("cut.onnx is not a valid ONNX model: truncated", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_onnx_graph_of_another_architecture_is_a_one_line_error()
    {
        using var dir = RepoPaths.NewTempDir();
        string lenet = dir.File("lenet.onnx");
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--model", "lenet5", "--input-size", "28", "--weights", LeNet, "--out", lenet)).Exit);
        var r = await CliRunner.RunAsync("predict", "--model", "lenet5-classic", "--weights", lenet,
            "--image", RepoPaths.SharedData("checkpoints", "fyh620-lenet", "28-test-gray.jpg"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("The ONNX graph in lenet.onnx does not fit LeNet5Classic", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Help_documents_every_option()
    {
        var r = await CliRunner.RunAsync("export", "--help");
        Assert.Equal(0, r.Exit);
        foreach (string option in new[] { "--model", "--weights", "--out", "--opset", "--dynamic-batch", "--include-softmax", "--fold-batch-norm",
                     "--image-size", "--triton", "--max-batch-size", "--json" })
            Assert.Contains(option, r.Out);
    }
}
