using ModelZoo.Cam.Rendering;

namespace ModelZoo.Cam.Tests.Rendering;

public sealed class ColormapTests
{
    [Fact]
    public void Jet_follows_matplotlibs_segments()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)128), Colormap.Jet[0]);
        Assert.Equal(((byte)128, (byte)0, (byte)0), Colormap.Jet[1]);
        // Lookups are quantised to 256 levels: 0.5 reads entry 128, t = 128/255: r = (t − 0.35) / 0.31, b = 1 − (t − 0.34) / 0.31.
        Assert.Equal(((byte)125, (byte)255, (byte)122), Colormap.Jet[0.5]);
        Assert.Equal(Colormap.Jet[0], Colormap.Jet[-3]);                     // clamped
        Assert.Equal(Colormap.Jet[1], Colormap.Jet[7]);
    }

    [Theory]
    [InlineData("viridis", "440154 3b528b 21918c 5ec962 fde725")]
    [InlineData("inferno", "000004 57106e bc3754 f98e09 fcffa4")]
    public void Polynomial_maps_match_matplotlibs_tables_at_the_quartiles(string name, string hex)
    {
        Colormap map = Colormap.Get(name);
        string[] colors = hex.Split(' ');
        for (int i = 0; i < colors.Length; i++)
        {
            (byte r, byte g, byte b) = map[i / 4.0];
            byte[] want = Convert.FromHexString(colors[i]);
            Assert.True(Math.Abs(r - want[0]) <= 7 && Math.Abs(g - want[1]) <= 7 && Math.Abs(b - want[2]) <= 7,
                $"{name}({i / 4.0}) = ({r}, {g}, {b}) vs matplotlib #{colors[i]}");
        }
    }

    [Fact]
    public void Turbo_runs_from_dark_blue_through_green_to_dark_red()
    {
        (byte r0, _, byte b0) = Colormap.Turbo[0.1];
        (byte rm, byte gm, _) = Colormap.Turbo[0.5];
        (byte r1, byte g1, byte b1) = Colormap.Turbo[0.95];
        Assert.True(b0 > r0, "turbo starts blue");
        Assert.True(gm > 200 && rm > 100, "turbo is green-yellow in the middle");
        Assert.True(r1 > 150 && g1 < 80 && b1 < 40, "turbo ends red");
    }

    [Fact]
    public void Names_resolve_and_unknown_names_are_listed()
    {
        Assert.All(Colormap.Names, n => Assert.Equal(n, Colormap.Get(n.ToUpperInvariant()).Name));
        var ex = Assert.Throws<ArgumentException>(() => Colormap.Get("rainbow"));
        Assert.Contains("jet, viridis, inferno, turbo", ex.Message);
    }
}
