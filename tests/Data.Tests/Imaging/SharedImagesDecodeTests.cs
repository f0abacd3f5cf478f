using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;

namespace ModelZoo.Data.Tests.Imaging;

/// <summary>
/// All five images in ../shared/data/images and all 30 in hymenoptera-mini decode to the upright size Pillow reports
/// (after ImageOps.exif_transpose), with Pillow's mean colour and 8×8 block means (fixture shared_images.json, made
/// by make_imaging_fixtures.py). Block means catch a wrong rotation, a channel swap or a shifted decode.
/// </summary>
public sealed class SharedImagesDecodeTests
{
    public sealed record SharedImage(string Path, int Width, int Height, int ExifOrientation, double[] Mean, double[][] Grid8);

    private static readonly Lazy<SharedImage[]> s_images = new(() => Fixture.Json<SharedImage[]>("imaging", "shared_images.json"));

    [Fact]
    public void FixtureListsEveryImage()
    {
        Assert.Equal(35, s_images.Value.Length);
        Assert.Equal(5, s_images.Value.Count(i => i.Path.StartsWith("images/")));
        Assert.Equal(30, s_images.Value.Count(i => i.Path.StartsWith("imagefolder/hymenoptera-mini/")));
        // Sizes cross-checked with `file`: e.g. dog.jpg 1546x1213 (EXIF orientation 1: stored upright), cat.jpg 480x360.
        SharedImage dog = s_images.Value.Single(i => i.Path == "images/dog.jpg");
        Assert.Equal((1546, 1213, 1), (dog.Width, dog.Height, dog.ExifOrientation));
    }

    [Fact]
    public void EveryImageDecodesToPillowsSizeAndColours()
    {
        double worstMean = 0, worstBlock = 0;
        foreach (SharedImage expected in s_images.Value)
        {
            string path = RepoPaths.SharedData(expected.Path.Split('/'));
            ImageHeader header = ImageDecoder.ReadHeader(path);
            Assert.Equal((expected.Width, expected.Height), (header.Width, header.Height));
            ImageBuffer image = ImageDecoder.Decode(path);
            Assert.Equal((expected.Width, expected.Height, 3), (image.Width, image.Height, image.Channels));

            (double[] mean, double[][] grid) = Stats(image);
            for (int c = 0; c < 3; c++) worstMean = Math.Max(worstMean, Math.Abs(mean[c] - expected.Mean[c]));
            for (int b = 0; b < 64; b++)
                for (int c = 0; c < 3; c++)
                    worstBlock = Math.Max(worstBlock, Math.Abs(grid[b][c] - expected.Grid8[b][c]));
            Assert.True(worstMean <= 0.05 && worstBlock <= 0.05, $"{expected.Path}: mean diff {worstMean:F3}, block diff {worstBlock:F3}");
        }
    }

    /// <summary>Mean colour and the means of an 8×8 grid of blocks (block edges at i·size/8, as the generator).</summary>
    private static (double[] Mean, double[][] Grid) Stats(ImageBuffer img)
    {
        var mean = new double[3];
        var grid = new double[64][];
        int w = img.Width, h = img.Height;
        for (int gy = 0; gy < 8; gy++)
            for (int gx = 0; gx < 8; gx++)
            {
                var sum = new double[3];
                int y0 = gy * h / 8, y1 = (gy + 1) * h / 8, x0 = gx * w / 8, x1 = (gx + 1) * w / 8;
                for (int y = y0; y < y1; y++)
                    for (int x = x0; x < x1; x++)
                        for (int c = 0; c < 3; c++) sum[c] += img[y, x, c];
                int n = (y1 - y0) * (x1 - x0);
                grid[gy * 8 + gx] = sum.Select(s => s / n).ToArray();
            }
        for (int i = 0; i < w * h; i++)
            for (int c = 0; c < 3; c++) mean[c] += img.Pixels[i * 3 + c];
        return (mean.Select(s => s / (w * h)).ToArray(), grid);
    }
}
