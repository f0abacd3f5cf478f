using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Imaging;
using ModelZoo.Interactive;
using TorchSharp;

namespace ModelZoo.Notebooks.Tests;

/// <summary>Tensors become PNGs with the right size and pixels, tables align and check their rows, the console
/// display saves images to files.</summary>
public sealed class InteractiveOutputTests
{
    [Fact]
    public void A_float_image_tensor_is_scaled_from_its_own_range_and_upscaled_by_nearest_neighbour()
    {
        using var t = torch.tensor(new float[] { -1, 0, 1, 3 }, new long[] { 1, 2, 2 });
        PngImage png = TensorImage.ToPng(t, scale: 3);
        ImageBuffer decoded = ImageDecoder.Decode(png.Bytes, new ImageDecodeOptions(ImageMode.L));
        Assert.Equal((6, 6), (decoded.Width, decoded.Height));
        Assert.Equal(new byte[] { 0, 64, 128, 255 }, new[] { decoded[0, 0, 0], decoded[0, 3, 0], decoded[3, 0, 0], decoded[5, 5, 0] });
        Assert.Equal(decoded[0, 0, 0], decoded[2, 2, 0]);
    }

    [Fact]
    public void An_rgb_tensor_keeps_its_channels_and_a_wrong_shape_is_a_clear_error()
    {
        using var rgb = torch.zeros(3, 2, 2);
        rgb[0] = torch.ones(2, 2);
        ImageBuffer b = TensorImage.ToBuffer(rgb, min: 0, max: 1);
        Assert.Equal((byte)255, b[0, 0, 0]);
        Assert.Equal((byte)0, b[0, 0, 1]);
        using var bad = torch.zeros(5, 2, 2);
        var e = Assert.Throws<ArgumentException>(() => TensorImage.ToBuffer(bad));
        Assert.StartsWith("Expected an image tensor [H, W], [1, H, W] or [3, H, W], got [5, 2, 2].", e.Message);
    }

    [Fact]
    public void A_heatmap_maps_the_range_ends_to_the_colormap_ends_and_a_grid_lays_tiles_in_rows()
    {
        using var map = torch.tensor(new float[] { 0, 1 }, new long[] { 1, 2 });
        ImageBuffer heat = ImageDecoder.Decode(TensorImage.Heatmap(map).Bytes);        // default: the CAM library's viridis
        Assert.Equal(Colormap.Viridis[0], (heat[0, 0, 0], heat[0, 0, 1], heat[0, 0, 2]));
        Assert.Equal(Colormap.Viridis[1], (heat[0, 1, 0], heat[0, 1, 1], heat[0, 1, 2]));
        Assert.NotEqual(Colormap.Viridis[0], Colormap.Viridis[1]);

        using var ramp = torch.tensor(new float[] { 10, 15, 20 }, new long[] { 1, 3 });         // mid value -> the map's middle
        ImageBuffer jet = ImageDecoder.Decode(TensorImage.Heatmap(ramp, colormap: Colormap.Jet).Bytes);
        Assert.Equal(Colormap.Jet[0.5], (jet[0, 1, 0], jet[0, 1, 1], jet[0, 1, 2]));
        Assert.Equal(Colormap.Jet[1], (jet[0, 2, 0], jet[0, 2, 1], jet[0, 2, 2]));

        var tiles = Enumerable.Range(0, 5).Select(_ => torch.rand(8, 8)).ToArray();
        PngImage grid = TensorImage.Grid(tiles, columns: 2);
        Assert.Equal((2 * (8 + 4) + 4, 3 * (8 + 4) + 4), (grid.Width, grid.Height));
        Assert.Throws<ArgumentException>(() => TensorImage.Grid(tiles.Take(2), captions: new[] { "one" }));
        foreach (var t in tiles) t.Dispose();
    }

    [Fact]
    public void A_table_formats_numbers_invariantly_aligns_text_and_rejects_short_rows()
    {
        var table = HtmlTable.From(new[] { ("resnet18", 11_689_512L, 0.6976), ("lenet5", 61_706L, 0.99) },
            ("model", r => r.Item1), ("params", r => r.Item2), ("acc@1", r => r.Item3));
        Assert.Equal("model         params   acc@1\n--------  ----------  ------\nresnet18  11,689,512  0.6976\nlenet5        61,706    0.99",
            table.ToText());
        Assert.Contains("<td style=\"text-align:right\">11,689,512</td>", table.ToHtml());
        var e = Assert.Throws<ArgumentException>(() => new HtmlTable(new[] { "a", "b" }, new[] { new object?[] { 1 } }));
        Assert.StartsWith("Row 0 has 1 cells; expected 2", e.Message);
    }

    [Fact]
    public void The_console_display_saves_images_as_png_files_and_prints_tensors_and_charts()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        string previous = ConsoleDisplay.OutputDirectory;
        ConsoleDisplay.OutputDirectory = dir.Path;
        try
        {
            PngImage chart = Chart.Lines("loss", "epoch", "loss", new[] { new ChartSeries("train", new[] { 1.0, 0.5, 0.25 }) });
            string line = ConsoleDisplay.Format(chart);
            string file = Directory.GetFiles(dir.Path, "*.png").Single();
            Assert.Equal($"[PNG 640x360 (loss)] saved to {file}", line);
            Assert.Equal(chart.Bytes, File.ReadAllBytes(file));
            using var small = torch.arange(3);
            Assert.StartsWith("tensor [3] Int64 on cpu\n", ConsoleDisplay.Format(small));
        }
        finally
        {
            ConsoleDisplay.OutputDirectory = previous;
        }
    }
}
