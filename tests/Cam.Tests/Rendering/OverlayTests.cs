using ModelZoo.Cam.Rendering;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Cam.Tests.Rendering;

public sealed class OverlayTests
{
    [Fact]
    public void The_region_of_resize_and_center_crop_follows_torchvisions_arithmetic()
    {
        InputRegion region = InputRegion.FromTransform(Presets.ImageNetEval(), 640, 480);
        // Shorter side 480 → 256, longer 640 → 341 (truncated); crop left round((341 − 224) / 2) = 58, top 16.
        Assert.Equal(58 * 640.0 / 341, region.Left, 9);
        Assert.Equal(16 * 480.0 / 256, region.Top, 9);
        Assert.Equal(224 * 640.0 / 341, region.Width, 9);
        Assert.Equal(224 * 480.0 / 256, region.Height, 9);
        Assert.Equal((224, 224), (region.InputWidth, region.InputHeight));

        InputRegion padded = InputRegion.FromTransform(new Compose(new Pad(2), new ToTensor()), 28, 28);
        Assert.Equal(new InputRegion(-2, -2, 32, 32, 32, 32), padded);
        Assert.Throws<NotSupportedException>(() => InputRegion.FromTransform(new Compose(new RandomHorizontalFlip(), new ToTensor()), 10, 10));
    }

    [Fact]
    public void A_spot_in_the_model_input_maps_back_to_its_place_on_the_original()
    {
        // A white 9x9 square centred at (500, 100) of a black 640x480 image, through the real preprocessing.
        var image = new ImageBuffer(640, 480, 3);
        for (int y = 96; y <= 104; y++)
            for (int x = 496; x <= 504; x++)
                for (int c = 0; c < 3; c++) image[y, x, c] = 255;
        ITransform transform = Presets.ImageNetEval();
        using var scope = torch.NewDisposeScope();
        Tensor input = (Tensor)transform.Apply(image, new Random(0));
        // The square's centroid in the input (the resize blurs its edges, so weight by brightness above half).
        float[] v = input.select(0, 0).data<float>().ToArray();
        float half = (v.Max() + v.Min()) / 2;
        double sum = 0, cx = 0, cy = 0;
        for (int i = 0; i < v.Length; i++)
            if (v[i] > half) { sum += v[i] - half; cx += (v[i] - half) * (i % 224 + 0.5); cy += (v[i] - half) * (i / 224 + 0.5); }
        InputRegion region = InputRegion.FromTransform(transform, image.Width, image.Height);
        (double x0, double y0) = region.ToOriginal(cx / sum, cy / sum);
        Assert.True(Math.Abs(x0 - 500.5) <= 1 && Math.Abs(y0 - 100.5) <= 1, $"the input's square centre maps to ({x0:F2}, {y0:F2})");
        (int px, int py) = region.OriginalPixel((int)(cx / sum), (int)(cy / sum), 640, 480);
        Assert.InRange(px, 499, 502);
        Assert.InRange(py, 99, 102);
    }

    [Fact]
    public void The_overlay_blends_inside_the_region_and_keeps_the_rest()
    {
        var image = new ImageBuffer(40, 30, 3);
        Array.Fill(image.Pixels, (byte)100);
        var hot = new CamMap(10, 10, Enumerable.Repeat(1f, 100).ToArray());
        ImageBuffer whole = CamOverlay.Render(image, hot, new InputRegion(0, 0, 40, 30, 10, 10));
        Assert.Equal((40, 30, 3), (whole.Width, whole.Height, whole.Channels));
        Assert.All(Enumerable.Range(0, 40 * 30), i => Assert.Equal(new byte[] { 114, 50, 50 }, whole.Pixels[(3 * i)..(3 * i + 3)]));   // 0.5 jet(1) + 0.5 grey

        ImageBuffer left = CamOverlay.Render(image, hot, new InputRegion(0, 0, 20, 30, 10, 10), new OverlayOptions { ImageWeight = 0.25, Colormap = "viridis" });
        (byte r, byte g, byte b) = Colormap.Viridis[1];
        Assert.Equal((byte)Math.Round(0.75 * r + 25), left[15, 5, 0]);
        Assert.Equal((byte)Math.Round(0.75 * g + 25), left[15, 5, 1]);
        Assert.Equal((byte)Math.Round(0.75 * b + 25), left[15, 5, 2]);
        Assert.Equal((byte)100, left[15, 30, 0]);   // cropped away: untouched
        Assert.Throws<ArgumentOutOfRangeException>(() => CamOverlay.Render(image, hot, new InputRegion(0, 0, 40, 30, 10, 10), new OverlayOptions { ImageWeight = 2 }));
        Assert.Throws<ArgumentException>(() => CamOverlay.Render(image, hot, InputRegion.Whole(40, 30)));
    }

    [Fact]
    public void The_overlay_resamples_the_map_bilinearly()
    {
        var ramp = new CamMap(2, 1, new[] { 0f, 1f });
        var grey = new ImageBuffer(8, 1, 3);
        ImageBuffer heat = CamOverlay.Render(grey, ramp, new InputRegion(0, 0, 8, 1, 2, 1), new OverlayOptions { ImageWeight = 0 });
        // Original pixel x has map coordinate (x + 0.5) / 4 − 0.5: clamped to 0 for x < 2, to 1 for x >= 6, linear between.
        Assert.Equal(Colormap.Jet[0], (heat[0, 1, 0], heat[0, 1, 1], heat[0, 1, 2]));
        Assert.Equal(Colormap.Jet[0.375], (heat[0, 3, 0], heat[0, 3, 1], heat[0, 3, 2]));
        Assert.NotEqual(Colormap.Jet[0.5], Colormap.Jet[0.375]);
        Assert.Equal(Colormap.Jet[1], (heat[0, 7, 0], heat[0, 7, 1], heat[0, 7, 2]));
    }
}
