using System.Text.Json;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using ModelZoo.Data.Transforms;
using ModelZoo.Data.Transforms.Functional;

namespace ModelZoo.Data.Tests.Transforms;

/// <summary>
/// Every image kernel against torchvision 0.14's functional API on PIL images (Pillow 9.4) for the same fixed
/// parameters and input (tests/fixtures/transforms/transform_cases.json). Tolerances per op are stated in
/// <see cref="Tolerance"/>; most kernels reproduce Pillow's arithmetic and are exact.
/// </summary>
public sealed class FunctionalOracleTests
{
    private static readonly HashSet<string> s_imageOps = new()
    {
        "resize", "crop", "center_crop", "five_crop", "ten_crop", "resized_crop", "hflip", "vflip", "pad", "rotate", "affine",
        "perspective", "brightness", "contrast", "saturation", "hue", "grayscale", "gaussian_blur", "invert", "posterize",
        "solarize", "sharpness", "autocontrast", "equalize", "augment_op", "color_jitter",
    };

    public static TheoryData<string> ImageCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in OracleCases.Names(s_imageOps.Contains)) data.Add(name);
        return data;
    }

    /// <summary>(max |difference| per sample, max fraction of samples that may differ).</summary>
    private static (int MaxDiff, double Fraction) Tolerance(string op) => op switch
    {
        // torchvision blurs in float32 with conv2d's summation order; we sum in double: a value within ~1e-5 of .5
        // can round the other way.
        "gaussian_blur" => (1, 0.01),
        // torchvision solves the 8x8 system in float32 LAPACK (~1e-6 relative error), we solve it in double: pixels
        // whose source position lies that close to a pixel edge (or the image border) pick a different source pixel.
        "perspective" => (255, 0.005),
        _ => (0, 0),
    };

    [Theory]
    [MemberData(nameof(ImageCases))]
    public void KernelMatchesTorchvision(string name)
    {
        JsonElement c = OracleCases.Case(name);
        ImageBuffer[] actual = Run(c.Op(), c.Input(), c.Params());
        JsonElement output = c.Output();
        ImageBuffer[] expected = output.ValueKind == JsonValueKind.Array
            ? output.EnumerateArray().Select(OracleCases.ToImage).ToArray()
            : new[] { OracleCases.ToImage(output) };
        Assert.Equal(expected.Length, actual.Length);
        (int maxDiff, double fraction) = Tolerance(c.Op());
        for (int i = 0; i < expected.Length; i++) ImageAssert.Close(expected[i], actual[i], maxDiff, fraction, $"{name}[{i}]");
    }

    internal static ImageBuffer[] Run(string op, ImageBuffer img, JsonElement p)
    {
        switch (op)
        {
            case "resize":
                int[] size = p.Ints("size");
                (int h, int w) = size.Length == 2 ? (size[0], size[1])
                    : ResizeOps.OutputSize(img.Height, img.Width, size[0], p.TryGetProperty("max_size", out var m) ? m.GetInt32() : null);
                return new[] { ResizeOps.Resize(img, h, w, p.Interp()) };
            case "crop":
                return new[] { GeometryOps.Crop(img, p.Int("top"), p.Int("left"), p.Int("height"), p.Int("width")) };
            case "center_crop":
                return new[] { GeometryOps.CenterCrop(img, p.Ints("size")[0], p.Ints("size")[1]) };
            case "five_crop":
                return GeometryOps.FiveCrop(img, p.Ints("size")[0], p.Ints("size")[1]);
            case "ten_crop":
                return GeometryOps.TenCrop(img, p.Ints("size")[0], p.Ints("size")[1], p.Bool("vertical_flip"));
            case "resized_crop":
                ImageBuffer cropped = GeometryOps.Crop(img, p.Int("top"), p.Int("left"), p.Int("height"), p.Int("width"));
                return new[] { ResizeOps.Resize(cropped, p.Ints("size")[0], p.Ints("size")[1], p.Interp()) };
            case "hflip": return new[] { GeometryOps.FlipHorizontal(img) };
            case "vflip": return new[] { GeometryOps.FlipVertical(img) };
            case "pad":
                int[] pad = p.Ints("padding");
                PaddingMode mode = Enum.Parse<PaddingMode>(p.GetProperty("padding_mode").GetString()!, ignoreCase: true);
                return new[] { Pad.Apply(img, pad[0], pad[1], pad[2], pad[3], (byte)p.Int("fill"), mode) };
            case "rotate":
                return new[] { WarpOps.Rotate(img, p.Double("angle"), p.Interp(), p.Bool("expand"), p.Point("center"), p.Fill()) };
            case "affine":
                double[] t = p.Doubles("translate"), shear = p.Doubles("shear");
                return new[] { WarpOps.Affine(img, p.Double("angle"), (t[0], t[1]), p.Double("scale"), (shear[0], shear[1]), p.Interp(), p.Fill(), p.Point("center")) };
            case "perspective":
                return new[] { WarpOps.Perspective(img, p.Points("startpoints"), p.Points("endpoints"), p.Interp(), p.Fill()) };
            case "brightness": return new[] { ColorOps.AdjustBrightness(img, p.Double("factor")) };
            case "contrast": return new[] { ColorOps.AdjustContrast(img, p.Double("factor")) };
            case "saturation": return new[] { ColorOps.AdjustSaturation(img, p.Double("factor")) };
            case "hue": return new[] { ColorOps.AdjustHue(img, p.Double("factor")) };
            case "grayscale": return new[] { ColorOps.ToGrayscale(img, p.Int("num_output_channels")) };
            case "gaussian_blur":
                int[] k = p.Ints("kernel_size");
                double[] s = p.Doubles("sigma");
                return new[] { FilterOps.GaussianBlur(img, k[0], k[1], s[0], s[1]) };
            case "invert": return new[] { ToneOps.Invert(img) };
            case "posterize": return new[] { ToneOps.Posterize(img, p.Int("bits")) };
            case "solarize": return new[] { ToneOps.Solarize(img, p.Double("threshold")) };
            case "sharpness": return new[] { FilterOps.AdjustSharpness(img, p.Double("factor")) };
            case "autocontrast": return new[] { ToneOps.Autocontrast(img) };
            case "equalize": return new[] { ToneOps.Equalize(img) };
            case "augment_op":
                return new[] { AugmentOps.Apply(img, Enum.Parse<AugmentOp>(p.GetProperty("op").GetString()!), p.Double("magnitude"), p.Interp(), p.Fill()) };
            case "color_jitter":
                var jitter = new ColorJitter.Params(p.Ints("order"), p.OptionalDouble("brightness"), p.OptionalDouble("contrast"),
                    p.OptionalDouble("saturation"), p.OptionalDouble("hue"));
                return new[] { ColorJitter.Apply(img, jitter) };
            default: throw new InvalidDataException($"no kernel for op {op}");
        }
    }
}
