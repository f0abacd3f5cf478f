namespace ModelZoo.Data.Transforms.Functional;

/// <summary>The inverse matrices torchvision hands to Pillow: output pixel centre → input coordinates.</summary>
public static class AffineMath
{
    /// <summary>π/180 and 180/π as Python's math.radians/math.degrees use them (one multiplication, same rounding).</summary>
    internal const double DegToRad = Math.PI / 180.0, RadToDeg = 180.0 / Math.PI;

    /// <summary>
    /// torchvision's _get_inverse_affine_matrix: the inverse of T·C·R(angle)·S(scale)·Shear(shear)·C⁻¹ as the six
    /// coefficients (a, b, c, d, e, f) with input = (a·x + b·y + c, d·x + e·y + f). Angle and shears in degrees
    /// with torchvision's conventions (F.affine); translate in pixels.
    /// </summary>
    public static double[] InverseAffine((double X, double Y) center, double angle, (double X, double Y) translate, double scale, (double X, double Y) shear)
    {
        double rot = angle * DegToRad, sx = shear.X * DegToRad, sy = shear.Y * DegToRad;
        double a = Math.Cos(rot - sy) / Math.Cos(sy);
        double b = -Math.Cos(rot - sy) * Math.Tan(sx) / Math.Cos(sy) - Math.Sin(rot);
        double c = Math.Sin(rot - sy) / Math.Cos(sy);
        double d = -Math.Sin(rot - sy) * Math.Tan(sx) / Math.Cos(sy) + Math.Cos(rot);
        var m = new[] { d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0 };
        (double cx, double cy) = center;
        (double tx, double ty) = translate;
        m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
        m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
        m[2] += cx;
        m[5] += cy;
        return m;
    }

    /// <summary>
    /// Pillow's Image.rotate matrix (counter-clockwise <paramref name="angle"/> in degrees about <paramref name="center"/>,
    /// default the image centre) and the output size (enlarged to hold the whole rotated image when
    /// <paramref name="expand"/>).
    /// </summary>
    public static (double[] Matrix, int Width, int Height) Rotation(int width, int height, double angle, bool expand, (double X, double Y)? center)
    {
        (double cx, double cy) = center ?? (width / 2.0, height / 2.0);
        double r = -(PositiveModulo(angle, 360.0) * DegToRad);
        double cos = Math.Round(Math.Cos(r), 15), sin = Math.Round(Math.Sin(r), 15);
        var m = new[] { cos, sin, 0.0, Math.Round(-Math.Sin(r), 15), cos, 0.0 };
        (m[2], m[5]) = Apply(m, -cx, -cy);
        m[2] += cx;
        m[5] += cy;
        if (!expand) return (m, width, height);
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach ((double x, double y) in new (double, double)[] { (0, 0), (width, 0), (width, height), (0, height) })
        {
            (double tx, double ty) = Apply(m, x, y);
            minX = Math.Min(minX, tx); maxX = Math.Max(maxX, tx);
            minY = Math.Min(minY, ty); maxY = Math.Max(maxY, ty);
        }
        int nw = (int)(Math.Ceiling(maxX) - Math.Floor(minX)), nh = (int)(Math.Ceiling(maxY) - Math.Floor(minY));
        (m[2], m[5]) = Apply(m, -(nw - width) / 2.0, -(nh - height) / 2.0);
        return (m, nw, nh);
    }

    /// <summary>
    /// torchvision's _get_perspective_coeffs: the 8 coefficients (a..h) with input = ((a·x + b·y + c)/(g·x + h·y + 1),
    /// (d·x + e·y + f)/(g·x + h·y + 1)) mapping each end point to its start point. Solved exactly in double precision
    /// (torchvision 0.14 solves in float32 with LAPACK, ~1e-6 relative error).
    /// </summary>
    public static double[] PerspectiveCoefficients(IReadOnlyList<(int X, int Y)> startpoints, IReadOnlyList<(int X, int Y)> endpoints)
    {
        ArgumentNullException.ThrowIfNull(startpoints);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (startpoints.Count != 4 || endpoints.Count != 4)
            throw new ArgumentException($"Perspective needs 4 start and 4 end points (top-left, top-right, bottom-right, bottom-left); got {startpoints.Count} and {endpoints.Count}.");
        var a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            (double ex, double ey) = endpoints[i];
            (double sx, double sy) = startpoints[i];
            double[] r0 = { ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey, sx };
            double[] r1 = { 0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey, sy };
            for (int j = 0; j < 9; j++) { a[2 * i, j] = r0[j]; a[2 * i + 1, j] = r1[j]; }
        }
        return Solve(a, 8);
    }

    /// <summary>Gaussian elimination with partial pivoting on an n × (n+1) augmented matrix.</summary>
    private static double[] Solve(double[,] a, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-12)
                throw new ArgumentException("The perspective points are degenerate (three of them on a line, or repeated); no transform maps them.");
            if (pivot != col)
                for (int j = 0; j <= n; j++) (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int j = col; j <= n; j++) a[r, j] -= f * a[col, j];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = a[r, n];
            for (int j = r + 1; j < n; j++) s -= a[r, j] * x[j];
            x[r] = s / a[r, r];
        }
        return x;
    }

    internal static double PositiveModulo(double value, double m)
    {
        double r = value % m;
        return r < 0 ? r + m : r;
    }

    private static (double X, double Y) Apply(double[] m, double x, double y) => (m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]);
}
