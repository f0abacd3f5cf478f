using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Transforms.Functional;

/// <summary>Pillow's transform filters (Geometry.c): sample an image at a real position, write all channels, report
/// whether the position was inside. Bilinear and bicubic work in double precision and truncate to uint8.</summary>
internal readonly struct PillowSampler
{
    private readonly byte[] _src;
    private readonly int _w, _h, _c;

    public PillowSampler(ImageBuffer image)
    {
        _src = image.Pixels;
        _w = image.Width;
        _h = image.Height;
        _c = image.Channels;
    }

    public bool Nearest(double xin, double yin, byte[] dst, int d)
    {
        int x = xin < 0.0 ? -1 : (int)xin, y = yin < 0.0 ? -1 : (int)yin;
        if (x < 0 || x >= _w || y < 0 || y >= _h) return false;
        Buffer.BlockCopy(_src, (y * _w + x) * _c, dst, d, _c);
        return true;
    }

    public bool Bilinear(double xin, double yin, byte[] dst, int d)
    {
        if (!Locate(xin, yin, out int x, out int y, out double dx, out double dy)) return false;
        int row0 = YClip(y) * _w, x0 = XClip(x), x1 = XClip(x + 1);
        bool hasRow1 = y + 1 >= 0 && y + 1 < _h;
        for (int ch = 0; ch < _c; ch++)
        {
            double a = _src[(row0 + x0) * _c + ch], b = _src[(row0 + x1) * _c + ch];
            double v1 = a + (b - a) * dx, v2 = v1;
            if (hasRow1)
            {
                int row1 = (y + 1) * _w;
                a = _src[(row1 + x0) * _c + ch];
                b = _src[(row1 + x1) * _c + ch];
                v2 = a + (b - a) * dx;
            }
            dst[d + ch] = (byte)(v1 + (v2 - v1) * dy);
        }
        return true;
    }

    public bool Bicubic(double xin, double yin, byte[] dst, int d)
    {
        if (!Locate(xin, yin, out int x, out int y, out double dx, out double dy)) return false;
        x--;
        y--;
        int xa = XClip(x), xb = XClip(x + 1), xc = XClip(x + 2), xd = XClip(x + 3);
        for (int ch = 0; ch < _c; ch++)
        {
            double v1 = Row(YClip(y), xa, xb, xc, xd, ch, dx);
            double v2 = y + 1 >= 0 && y + 1 < _h ? Row(y + 1, xa, xb, xc, xd, ch, dx) : v1;
            double v3 = y + 2 >= 0 && y + 2 < _h ? Row(y + 2, xa, xb, xc, xd, ch, dx) : v2;
            double v4 = y + 3 >= 0 && y + 3 < _h ? Row(y + 3, xa, xb, xc, xd, ch, dx) : v3;
            double v = Cubic(v1, v2, v3, v4, dy);
            dst[d + ch] = v <= 0.0 ? (byte)0 : v >= 255.0 ? (byte)255 : (byte)v;
        }
        return true;
    }

    /// <summary>The pixel-centre cell of a position inside the image: the top-left sample (x, y) and the fractions
    /// (dx, dy) towards the next; false outside.</summary>
    private bool Locate(double xin, double yin, out int x, out int y, out double dx, out double dy)
    {
        (x, y, dx, dy) = (0, 0, 0, 0);
        if (xin < 0.0 || xin >= _w || yin < 0.0 || yin >= _h) return false;
        xin -= 0.5;
        yin -= 0.5;
        (x, y) = (Floor(xin), Floor(yin));
        (dx, dy) = (xin - x, yin - y);
        return true;
    }

    private double Row(int y, int xa, int xb, int xc, int xd, int ch, double dx)
    {
        int r = y * _w;
        return Cubic(_src[(r + xa) * _c + ch], _src[(r + xb) * _c + ch], _src[(r + xc) * _c + ch], _src[(r + xd) * _c + ch], dx);
    }

    private static double Cubic(double v1, double v2, double v3, double v4, double d)
    {
        double p1 = v2, p2 = -v1 + v3, p3 = 2 * (v1 - v2) + v3 - v4, p4 = -v1 + v2 - v3 + v4;
        return p1 + d * (p2 + d * (p3 + d * p4));
    }

    private int XClip(int x) => x < 0 ? 0 : x < _w ? x : _w - 1;

    private int YClip(int y) => y < 0 ? 0 : y < _h ? y : _h - 1;

    private static int Floor(double v) => v < 0.0 ? (int)Math.Floor(v) : (int)v;
}
