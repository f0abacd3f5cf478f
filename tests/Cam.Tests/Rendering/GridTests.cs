using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Imaging;
using ModelZoo.Models.ResNets;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Rendering;

public sealed class GridTests
{
    [Fact]
    public void Tiles_sit_side_by_side_under_their_labels()
    {
        var red = new ImageBuffer(20, 20, 3);
        var blue = new ImageBuffer(20, 20, 3);
        for (int i = 0; i < 400; i++) { red.Pixels[3 * i] = 255; blue.Pixels[3 * i + 2] = 255; }
        ImageBuffer grid = CamGrid.Render(new[] { (red, "gradcam"), (blue, "scorecam") });
        int gap = CamGrid.Gap, band = CamGrid.LabelHeight;
        Assert.Equal((gap + 2 * (20 + gap), gap + band + 20 + gap), (grid.Width, grid.Height));
        Assert.Equal(new byte[] { 255, 0, 0 }, Pixel(grid, gap + 10, gap + band + 10));
        Assert.Equal(new byte[] { 0, 0, 255 }, Pixel(grid, gap + 20 + gap + 10, gap + band + 10));
        int dark = 0;
        for (int y = gap; y < gap + band; y++)
            for (int x = 0; x < grid.Width; x++) if (grid[y, x, 0] < 128) dark++;
        Assert.True(dark > 10, "the labels should be drawn");
        ImageBuffer wrapped = CamGrid.Render(new[] { (red, "a"), (blue, "b"), (red, "c") }, columns: 2);
        Assert.Equal((gap + 2 * (20 + gap), gap + 2 * (band + 20 + gap)), (wrapped.Width, wrapped.Height));
    }

    [Fact]
    public void Filters_are_drawn_one_normalised_cell_each()
    {
        using ResNet model = ResNetBuilders.ResNet18(new() { NumClasses = 10 });
        ImageBuffer grid = FilterGrid.Render(model);
        // 64 RGB 7x7 kernels, scale 48 / 7 = 6 → 42-pixel cells, 8 x 8 with 2-pixel gaps.
        Assert.Equal((2 + 8 * 44, 2 + 8 * 44), (grid.Width, grid.Height));
        using var scope = torch.NewDisposeScope();
        Tensor w = ((Conv2d)Models.ModuleTree.Resolve(model, "conv1")).weight!.detach();
        Tensor k = w.select(0, 9);
        double min = k.min().item<float>(), max = k.max().item<float>();
        for (int c = 0; c < 3; c++)
        {
            double expected = (k[c, 3, 5].item<float>() - min) / (max - min) * 255;
            // Filter 9 is row 1, column 1; kernel pixel (x 5, y 3) covers cell pixels [30, 36) x [18, 24).
            Assert.True(Math.Abs(grid[2 + 44 + 18 + 2, 2 + 44 + 30 + 2, c] - expected) <= 1, $"channel {c}");
        }
        Assert.Throws<ArgumentException>(() => FilterGrid.Render(torch.zeros(3, 3)));
    }

    private static byte[] Pixel(ImageBuffer image, int x, int y) => new[] { image[y, x, 0], image[y, x, 1], image[y, x, 2] };
}
