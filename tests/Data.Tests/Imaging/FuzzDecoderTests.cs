using System.Buffers.Binary;
using System.Diagnostics;
using ModelZoo.Data.Imaging;
using ModelZoo.Data.Tests.Helpers;
using ModelZoo.Data.Transforms;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ModelZoo.Data.Tests.Imaging;

/// <summary>
/// Seeded, bounded fuzzing of <see cref="ImageDecoder"/>: every format sample mutated in many ways, plus malformed and
/// extreme images made on purpose (0×0, 1×20000, 20000×1, sizes declared far beyond the data, signatures only, ...).
/// Each case decodes to a well-formed image that the standard evaluation transform (Resize 256 → CenterCrop 224 →
/// tensor) turns into [3, 224, 224], or is refused with an <see cref="ImageDecodeException"/> carrying one printable line
/// that names the file; nothing crashes or hangs, and the managed allocation stays under a bound set by the declared
/// pixel count and the file size.
/// </summary>
public sealed class FuzzDecoderTests
{
    private readonly ITestOutputHelper _output;

    public FuzzDecoderTests(ITestOutputHelper output) => _output = output;

    private static readonly ITransform s_eval = Presets.ImageNetEval();

    [Fact(Timeout = 300_000)]
    public async Task Mutated_samples_of_every_format() => await Task.Run(() =>
    {
        string[] files = Directory.GetFiles(RepoPaths.Fixtures("imaging", "formats")).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 20, $"{files.Length} format samples");
        var random = new Random(1313);
        var cases = new List<(string Name, byte[] Data)>();
        foreach (string file in files)
        {
            byte[] original = File.ReadAllBytes(file);
            for (int i = 0; i < 12; i++)
            {
                (byte[] bytes, string what, _, _) = ByteMutator.Mutate(original, random);
                cases.Add(($"{Path.GetFileName(file)} ({what})", bytes));
            }
        }
        Check(cases, minimum: 250);
    });

    [Fact(Timeout = 300_000)]
    public async Task Malformed_and_extreme_images() => await Task.Run(() =>
    {
        byte[] jpeg = File.ReadAllBytes(RepoPaths.Fixtures("imaging", "formats", "baseline.jpg"));
        byte[] gif = File.ReadAllBytes(RepoPaths.Fixtures("imaging", "formats", "anim.gif"));
        byte[] bmp = File.ReadAllBytes(RepoPaths.Fixtures("imaging", "formats", "rgb24.bmp"));
        byte[] webp = File.ReadAllBytes(RepoPaths.Fixtures("imaging", "formats", "lossless.webp"));
        byte[] png = PngBuilder.Rgb(23, 17);
        var cases = new List<(string Name, byte[] Data)>
        {
            ("1x20000.png", PngBuilder.Rgb(1, 20000)),
            ("20000x1.png", PngBuilder.Rgb(20000, 1)),
            ("1x1.png", PngBuilder.Rgb(1, 1)),
            ("0x0.png", PngBuilder.Rgb(0, 0)),
            ("7x0.png", PngBuilder.Rgb(7, 0)),
            ("0x7.png", PngBuilder.Rgb(0, 7)),
            ("bad-ihdr-crc.png", PngBuilder.Rgb(23, 17, badHeaderCrc: true)),
            ("declares-more-rows.png", PngBuilder.Rgb(23, 17000, rows: 17)),
            ("declares-huge.png", PngBuilder.Rgb(100_000, 100_000, rows: 1)),
            ("declares-2^31.png", PngBuilder.Rgb(int.MaxValue, 1, rows: 0)),
            ("1x60000.png", PngBuilder.Rgb(1, 60000)),
            ("signature-only.png", PngBuilder.Signature),
            ("empty", []),
            ("one-byte", [0xFF]),
            ("text.png", "not an image at all\n"u8.ToArray()),
            ("nul-bytes.jpg", new byte[64]),
            ("jpeg-soi-only.jpg", [0xFF, 0xD8]),
            ("jpeg-soi-eoi.jpg", [0xFF, 0xD8, 0xFF, 0xD9]),
            ("1x60000.jpg", Jpeg(jpeg, 60000, 1)),
            ("60000x1.jpg", Jpeg(jpeg, 1, 60000)),
            ("0-high.jpg", Jpeg(jpeg, 0, 23)),
            ("0-wide.jpg", Jpeg(jpeg, 17, 0)),
            ("65535x65535.jpg", Jpeg(jpeg, 65535, 65535)),
            ("gif-0x0.gif", Gif(gif, 0, 0)),
            ("gif-65535x65535.gif", Gif(gif, 65535, 65535)),
            ("gif-1x20000.gif", Gif(gif, 1, 20000)),
            ("gif-header-only.gif", gif[..13]),
            ("bmp-0x0.bmp", Bmp(bmp, 0, 0)),
            ("bmp-negative-width.bmp", Bmp(bmp, -23, 17)),
            ("bmp-top-down.bmp", Bmp(bmp, 23, -17)),
            ("bmp-huge.bmp", Bmp(bmp, 1 << 30, 1 << 30)),
            ("bmp-1x20000.bmp", Bmp(bmp, 1, 20000)),
            ("webp-riff-only.webp", webp[..12]),
            ("webp-wrong-length.webp", WithUInt32(webp, 4, uint.MaxValue)),
            ("png-idat-garbage.png", Garbled(png, 45, 20)),
        };
        foreach ((byte[] data, string format) in new[] { (png, "png"), (jpeg, "jpg"), (gif, "gif"), (bmp, "bmp"), (webp, "webp") })
            for (int tenth = 1; tenth < 10; tenth += 2)
                cases.Add(($"{format}-cut-at-{tenth}0%.{format}", data[..(data.Length * tenth / 10)]));
        Check(cases, minimum: 50);
    });

    private void Check(IReadOnlyList<(string Name, byte[] Data)> cases, int minimum)
    {
        int decoded = 0, refused = 0;
        long maxAllocated = 0;
        double slowest = 0;
        var failures = new List<string>();
        var errors = new Dictionary<ImageDecodeError, int>();
        foreach ((string name, byte[] data) in cases)
        {
            long declared = 0;
            try
            {
                ImageHeader header = ImageDecoder.ReadHeader(data, name);
                declared = (long)header.Width * header.Height;
            }
            catch (ImageDecodeException) { }
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            ImageBuffer? image = null;
            try
            {
                image = ImageDecoder.Decode(data, ImageDecodeOptions.Default, name);
                decoded++;
            }
            catch (ImageDecodeException e)
            {
                refused++;
                errors[e.Error] = errors.GetValueOrDefault(e.Error) + 1;
                if (cases.Count < 100) _output.WriteLine($"  {e.Error}: {e.Message}");
                if (e.Message.Any(c => char.IsControl(c) || c == '\uFFFD')) failures.Add($"{name}: not printable: {e.Message}");
                if (!e.Message.StartsWith($"Image '{name}': ", StringComparison.Ordinal)) failures.Add($"{name}: does not name the source: {e.Message}");
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
            double seconds = watch.Elapsed.TotalSeconds;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            maxAllocated = Math.Max(maxAllocated, allocated);
            slowest = Math.Max(slowest, seconds);
            if (seconds > 5) failures.Add($"{name}: took {seconds:F1} s");
            long bound = 8 * declared + 4L * data.Length + (2 << 20);
            if (allocated > bound) failures.Add($"{name}: allocated {allocated:N0} bytes (bound {bound:N0})");
            if (image is null) continue;
            if (cases.Count < 100) _output.WriteLine($"  decoded {name}: {image}");
            if (image.Width < 1 || image.Height < 1 || image.Pixels.Length != (long)image.Width * image.Height * image.Channels)
                failures.Add($"{name}: decoded a malformed buffer {image}");
            try
            {
                using var scope = torch.NewDisposeScope();
                var tensor = (Tensor)s_eval.Apply(image, new Random(0));
                if (!tensor.shape.SequenceEqual(new long[] { 3, 224, 224 })) failures.Add($"{name}: eval transform gave [{string.Join(", ", tensor.shape)}]");
            }
            catch (Exception e)
            {
                failures.Add($"{name}: eval transform of {image} failed: {e.GetType().Name}: {e.Message}");
            }
        }
        _output.WriteLine($"{cases.Count} images: {decoded} decoded (each through Resize 256 + CenterCrop 224), {refused} refused "
            + $"({string.Join(", ", errors.Select(e => $"{e.Key} {e.Value}"))}); max managed allocation {maxAllocated:N0} bytes; slowest {slowest * 1000:F0} ms");
        Assert.True(cases.Count >= minimum, $"{cases.Count} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>The JPEG with its frame header (SOF) declaring <paramref name="height"/> × <paramref name="width"/>.</summary>
    private static byte[] Jpeg(byte[] jpeg, int height, int width)
    {
        byte[] copy = (byte[])jpeg.Clone();
        int sof = Enumerable.Range(0, copy.Length - 1).First(i => copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC1 or 0xC2);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 7), (ushort)width);
        return copy;
    }

    private static byte[] Gif(byte[] gif, int width, int height)
    {
        byte[] copy = (byte[])gif.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(8), (ushort)height);
        return copy;
    }

    private static byte[] Bmp(byte[] bmp, int width, int height)
    {
        byte[] copy = (byte[])bmp.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(22), height);
        return copy;
    }

    private static byte[] WithUInt32(byte[] data, int offset, uint value)
    {
        byte[] copy = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static byte[] Garbled(byte[] data, int offset, int count)
    {
        byte[] copy = (byte[])data.Clone();
        new Random(7).NextBytes(copy.AsSpan(offset, Math.Min(count, copy.Length - offset)));
        return copy;
    }
}
