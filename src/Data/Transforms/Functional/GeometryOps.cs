using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>
/// Stateless geometry kernels on <see cref="ImageBuffer"/> with torchvision's semantics for PIL images (crop boxes may
/// leave the image: the outside is filled with 0, as PIL's crop does). Kernels never modify their input.
/// </summary>
public static class GeometryOps
{
    /// <summary>The <paramref name="height"/> × <paramref name="width"/> region whose top-left corner is
    /// (<paramref name="top"/>, <paramref name="left"/>); pixels outside the image are <paramref name="fill"/>.</summary>
    public static ImageBuffer Crop(ImageBuffer image, int top, int left, int height, int width, byte fill = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"Crop size must be at least 1x1; got {height}x{width} (height x width).");
        int c = image.Channels;
        var output = new ImageBuffer(width, height, c);
        if (fill != 0) Array.Fill(output.Pixels, fill);
        int x0 = Math.Max(left, 0), x1 = Math.Min(left + width, image.Width);
        if (x1 <= x0) return output;
        for (int y = Math.Max(top, 0); y < Math.Min(top + height, image.Height); y++)
            Buffer.BlockCopy(image.Pixels, (y * image.Width + x0) * c, output.Pixels, ((y - top) * width + x0 - left) * c, (x1 - x0) * c);
        return output;
    }

    /// <summary>The centred <paramref name="height"/> × <paramref name="width"/> region (torchvision center_crop: offsets
    /// round((size − crop)/2) half to even; a crop larger than the image is zero-padded around it).</summary>
    public static ImageBuffer CenterCrop(ImageBuffer image, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        (int top, int left) = CenterCropOffset(image.Height, image.Width, height, width);
        return Crop(image, top, left, height, width);
    }

    /// <summary>The top-left corner of <see cref="CenterCrop"/>'s region in an <paramref name="imageHeight"/> ×
    /// <paramref name="imageWidth"/> image (negative where the crop is larger and the image gets padded).</summary>
    public static (int Top, int Left) CenterCropOffset(int imageHeight, int imageWidth, int height, int width)
    {
        int padTop = height > imageHeight ? (height - imageHeight) / 2 : 0, padBottom = height > imageHeight ? (height - imageHeight + 1) / 2 : 0;
        int padLeft = width > imageWidth ? (width - imageWidth) / 2 : 0, padRight = width > imageWidth ? (width - imageWidth + 1) / 2 : 0;
        int paddedH = imageHeight + padTop + padBottom, paddedW = imageWidth + padLeft + padRight;
        int top = (int)Math.Round((paddedH - height) / 2.0, MidpointRounding.ToEven) - padTop;
        int left = (int)Math.Round((paddedW - width) / 2.0, MidpointRounding.ToEven) - padLeft;
        return (top, left);
    }

    /// <summary>The four corner crops and the centre crop, in torchvision's order (top-left, top-right, bottom-left,
    /// bottom-right, centre). The crop must fit in the image.</summary>
    public static ImageBuffer[] FiveCrop(ImageBuffer image, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (height < 1 || width < 1 || height > image.Height || width > image.Width)
            throw new ArgumentOutOfRangeException(nameof(height), $"FiveCrop size {height}x{width} (height x width) must be positive and fit in the {image.Height}x{image.Width} image.");
        int bottom = image.Height - height, right = image.Width - width;
        return new[]
        {
            Crop(image, 0, 0, height, width), Crop(image, 0, right, height, width), Crop(image, bottom, 0, height, width),
            Crop(image, bottom, right, height, width), CenterCrop(image, height, width),
        };
    }

    /// <summary><see cref="FiveCrop"/> of the image, then of its horizontal (or, if <paramref name="verticalFlip"/>,
    /// vertical) mirror: ten crops.</summary>
    public static ImageBuffer[] TenCrop(ImageBuffer image, int height, int width, bool verticalFlip = false)
    {
        ImageBuffer[] first = FiveCrop(image, height, width);
        ImageBuffer flipped = verticalFlip ? FlipVertical(image) : FlipHorizontal(image);
        return first.Concat(FiveCrop(flipped, height, width)).ToArray();
    }

    /// <summary>Mirror left ↔ right.</summary>
    public static ImageBuffer FlipHorizontal(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, c = image.Channels;
        var output = new ImageBuffer(w, image.Height, c);
        byte[] src = image.Pixels, dst = output.Pixels;
        for (int y = 0; y < image.Height; y++)
        {
            int row = y * w * c;
            for (int x = 0, s = row, d = row + (w - 1) * c; x < w; x++, s += c, d -= c)
                for (int ch = 0; ch < c; ch++) dst[d + ch] = src[s + ch];
        }
        return output;
    }

    /// <summary>Mirror top ↔ bottom.</summary>
    public static ImageBuffer FlipVertical(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int row = image.Width * image.Channels, h = image.Height;
        var output = new ImageBuffer(image.Width, h, image.Channels);
        for (int y = 0; y < h; y++) Buffer.BlockCopy(image.Pixels, y * row, output.Pixels, (h - 1 - y) * row, row);
        return output;
    }

    /// <summary>Rotates 90° counter-clockwise (PIL Transpose.ROTATE_90).</summary>
    public static ImageBuffer Rotate90(ImageBuffer image) => Transposed(image, (x, y, w, h) => (y, w - 1 - x));

    /// <summary>Rotates 180°.</summary>
    public static ImageBuffer Rotate180(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int n = image.Width * image.Height, c = image.Channels;
        var output = new ImageBuffer(image.Width, image.Height, c);
        for (int i = 0; i < n; i++) Buffer.BlockCopy(image.Pixels, i * c, output.Pixels, (n - 1 - i) * c, c);
        return output;
    }

    /// <summary>Rotates 90° clockwise (PIL Transpose.ROTATE_270).</summary>
    public static ImageBuffer Rotate270(ImageBuffer image) => Transposed(image, (x, y, w, h) => (h - 1 - y, x));

    /// <summary>Mirrors across the main diagonal (PIL Transpose.TRANSPOSE).</summary>
    public static ImageBuffer Transpose(ImageBuffer image) => Transposed(image, (x, y, w, h) => (y, x));

    /// <summary>Mirrors across the anti-diagonal (PIL Transpose.TRANSVERSE).</summary>
    public static ImageBuffer Transverse(ImageBuffer image) => Transposed(image, (x, y, w, h) => (h - 1 - y, w - 1 - x));

    /// <summary>
    /// Makes an image stored with EXIF orientation <paramref name="orientation"/> (1–8) upright, as Pillow's
    /// ImageOps.exif_transpose: 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise, 7 transverse,
    /// 8 rotate 90° counter-clockwise. 1 (or any other value) returns the image unchanged.
    /// </summary>
    public static ImageBuffer ApplyExifOrientation(ImageBuffer image, int orientation) => orientation switch
    {
        2 => FlipHorizontal(image),
        3 => Rotate180(image),
        4 => FlipVertical(image),
        5 => Transpose(image),
        6 => Rotate270(image),
        7 => Transverse(image),
        8 => Rotate90(image),
        _ => image,
    };

    /// <summary>Output (x', y') for input (x, y) of a 90°-family transpose; the output is h wide and w high.</summary>
    private static ImageBuffer Transposed(ImageBuffer image, Func<int, int, int, int, (int X, int Y)> map)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height, c = image.Channels;
        var output = new ImageBuffer(h, w, c);
        byte[] src = image.Pixels, dst = output.Pixels;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                (int ox, int oy) = map(x, y, w, h);
                Buffer.BlockCopy(src, (y * w + x) * c, dst, (oy * h + ox) * c, c);
            }
        return output;
    }
}
