using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Support;
using SkiaSharp;

namespace ModelZoo.Data.Tests.Imaging;

/// <summary>
/// Every format and layout in tests/fixtures/imaging/formats decodes to Pillow 9.4's pixels (made by
/// make_imaging_fixtures.py: Pillow decode → exif_transpose → convert to RGB / L / RGBA).
/// </summary>
public sealed class DecoderFormatTests
{
    public sealed record FormatCase(string File, string PilMode, int Width, int Height, string? Rgb, string? L, string? Rgba, string? Expected8);

    private static readonly Lazy<Dictionary<string, FormatCase>> s_cases =
        new(() => Fixture.Json<FormatCase[]>("imaging", "formats.json").ToDictionary(c => c.File));

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string f in s_cases.Value.Keys.Order()) data.Add(f);
        return data;
    }

    /// <summary>Tolerance per file: lossless formats must be exact. JPEG and lossy WebP measured exact too (SkiaSharp's
    /// libjpeg-turbo/libwebp and Pillow's agree here), but another libjpeg build may round an IDCT differently, so
    /// lossy formats get one level.</summary>
    private static int MaxDiff(string file) => file.EndsWith(".jpg") || file == "lossy.webp" ? 1 : 0;

    [Fact]
    public void SkiaSharpNativeLibraryLoadsOnThisOs()
    {
        // Touching the native library: a missing or incompatible libSkiaSharp.so throws DllNotFoundException here.
        Assert.True(SkiaSharpVersion.Native.Major >= 100, $"native SkiaSharp version {SkiaSharpVersion.Native}");
        using var bitmap = new SKBitmap(2, 2);
        Assert.Equal(2, bitmap.Width);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DecodesLikePillowInEveryMode(string file)
    {
        FormatCase c = s_cases.Value[file];
        string path = RepoPaths.Fixtures("imaging", "formats", file);
        if (c.Expected8 != null)
        {
            // 16-bit PNG: Pillow has no 16-bit RGB mode; the oracle is the high byte of each sample (SkiaSharp keeps the
            // high byte too: exact).
            int ch = c.PilMode.StartsWith("I") ? 1 : 3;
            ImageBuffer decoded = ImageDecoder.Decode(path, ch == 1 ? ImageMode.L : ImageMode.Rgb);
            ImageAssert.Close(Fixture.Image(c.Expected8, c.Width, c.Height, ch), decoded, maxDiff: 0, what: file);
            return;
        }
        foreach ((ImageMode mode, string? expected) in new[] { (ImageMode.Rgb, c.Rgb), (ImageMode.L, c.L), (ImageMode.Rgba, c.Rgba) })
        {
            ImageBuffer actual = ImageDecoder.Decode(path, mode);
            ImageAssert.Close(Fixture.Image(expected!, c.Width, c.Height, (int)mode), actual, MaxDiff(file), what: $"{file} as {mode}");
        }
    }
}
