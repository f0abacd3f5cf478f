using System.Text.Json;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Cli.Tests;

/// <summary>`modelzoo cam` and `modelzoo filters` on a real PyTorch checkpoint (akamaster's CIFAR-10 ResNet-20) and a real photo.</summary>
public sealed class CamCommandTests
{
    private static readonly string Weights = RepoPaths.SharedData("checkpoints", "akamaster-resnet20-cifar10", "resnet20-12fca82f.th");
    private static readonly string Photo = RepoPaths.SharedData("images", "cat-and-dog.png");

    [Fact]
    public async Task Every_method_writes_an_overlay_of_the_images_size_and_json_reports_it()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string grid = dir.File("cam.png");
        var r = await CliRunner.RunAsync("cam", "--model", "resnet20-cifar", "--weights", Weights, "--image", Photo,
            "--resize", "32", "--crop", "32", "--method", "all", "--out", grid, "--json");
        Assert.True(r.Exit == 0, r.Err);
        JsonElement root = JsonDocument.Parse(r.Out).RootElement;
        JsonElement[] results = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(new[] { "cam", "gradcam", "gradcam++", "xgradcam", "hirescam", "layercam", "scorecam", "eigencam" },
            results.Select(e => e.GetProperty("method").GetString()));
        Assert.Equal(new[] { 224, 224 }, root.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("layer3", root.GetProperty("layers")[0].GetString());
        foreach (JsonElement e in results)
        {
            ImageHeader header = ImageDecoder.ReadHeader(e.GetProperty("file").GetString()!);
            Assert.Equal((224, 224), (header.Width, header.Height));
            Assert.Equal(5, e.GetProperty("class").GetInt32());                      // akamaster's model calls the photo a dog
            int[] peak = e.GetProperty("peak").EnumerateArray().Select(p => p.GetInt32()).ToArray();
            Assert.All(peak, p => Assert.InRange(p, 0, 223));
            Assert.InRange(e.GetProperty("average_drop").GetDouble(), 0, 100);
            Assert.InRange(e.GetProperty("deletion_auc").GetDouble(), 0, 1);
        }
        ImageHeader gridHeader = ImageDecoder.ReadHeader(grid);
        Assert.True(gridHeader.Width > 4 * 224 && gridHeader.Height > 2 * 224, $"{gridHeader.Width}x{gridHeader.Height}");
        Assert.Equal(grid, root.GetProperty("grid").GetString());
    }

    [Fact]
    public async Task One_method_and_class_writes_exactly_the_out_file()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("cam", "--model", "resnet20-cifar", "--weights", Weights, "--image", Photo,
            "--resize", "32", "--crop", "32", "--class", "3", "--colormap", "viridis", "--out", dir.File("cat.png"));
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("gradcam", r.Out);
        Assert.Contains("class 3", r.Out);
        Assert.Equal(new[] { "cat.png" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--target-layer", "layr3", "Did you mean 'layer3'?")]
    [InlineData("--class", "10", "out of range")]
    [InlineData("--method", "fullgrad", "Unknown CAM method")]
    public async Task Bad_arguments_give_one_line_errors(string option, string value, string message)
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("cam", "--model", "resnet20-cifar", "--weights", Weights, "--image", Photo,
            "--resize", "32", "--crop", "32", option, value, "--out", dir.File("x.png"));
        Assert.Equal(2, r.Exit);
        Assert.Contains(message, r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_and_plain_cam_on_lenet_are_refused()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string text = dir.File("notes.png");
        await File.WriteAllTextAsync(text, "not an image");
        var r = await CliRunner.RunAsync("cam", "--model", "resnet20-cifar", "--weights", Weights, "--image", text, "--resize", "32", "--crop", "32");
        Assert.Equal(2, r.Exit);
        Assert.Contains("Cannot read", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));

        string lenet = RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth");
        var l = await CliRunner.RunAsync("cam", "--model", "lenet5", "--weights", lenet, "--input-size", "28", "--image", Photo,
            "--resize", "28", "--crop", "28", "--mean", "0.1307", "--std", "0.3081", "--method", "cam", "--out", dir.File("l.png"));
        Assert.Equal(2, l.Exit);
        Assert.Contains("Grad-CAM", l.Err);
        Assert.Single(l.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Filters_draws_the_stem_kernels()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        var r = await CliRunner.RunAsync("filters", "--model", "resnet20-cifar", "--weights", Weights, "--out", dir.File("f.png"), "--json");
        Assert.True(r.Exit == 0, r.Err);
        JsonElement root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(new long[] { 16, 3, 3, 3 }, root.GetProperty("kernels").EnumerateArray().Select(e => e.GetInt64()));
        ImageHeader header = ImageDecoder.ReadHeader(dir.File("f.png"));
        Assert.Equal((2 + 4 * 50, 2 + 4 * 50), (header.Width, header.Height));   // 16 kernels, 4 x 4 cells of 3 x 16 pixels + 2-pixel gaps
    }

    [Fact]
    public async Task Filters_of_a_one_channel_plain_weights_file_needs_no_normalisation()
    {
        // filters draws weights only: a plain .pth has no preprocessing, and ImageNet's 3-channel statistics must not be
        // applied to a 1-channel LeNet-5 (this used to fail with "The normalisation has 3 channel(s)").
        using TempDir dir = RepoPaths.NewTempDir();
        JsonElement root = await CliRunner.JsonAsync("filters", "--model", "lenet5", "--input-size", "28",
            "--weights", RepoPaths.SharedData("checkpoints", "fyh620-lenet", "lenet.pth"), "--out", dir.File("f.png"), "--json");
        Assert.Equal(new long[] { 6, 1, 5, 5 }, root.GetProperty("kernels").EnumerateArray().Select(e => e.GetInt64()));
        Assert.True(File.Exists(dir.File("f.png")));
    }
}
