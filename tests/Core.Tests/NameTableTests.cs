using ModelZoo.Core;
using Xunit;

namespace ModelZoo.Core.Tests;

public sealed class NameTableTests
{
    public enum Shade { Light, Dark }

    private static NameTable<Shade> Table() => new NameTable<Shade>("shade").Add("light", Shade.Light).Add("dark-mode", Shade.Dark, "night");

    [Theory]
    [InlineData("light", Shade.Light)]
    [InlineData("  LIGHT ", Shade.Light)]
    [InlineData("dark-mode", Shade.Dark)]
    [InlineData("Dark_Mode", Shade.Dark)]
    [InlineData("night", Shade.Dark)]
    public void Names_aliases_case_and_underscores_parse_to_their_value(string name, Shade expected) =>
        Assert.Equal(expected, Table().Parse(name));

    [Fact]
    public void Only_canonical_names_are_listed_and_printed()
    {
        NameTable<Shade> table = Table();
        Assert.Equal(new[] { "light", "dark-mode" }, table.Names);
        Assert.Equal("dark-mode", table.ToName(Shade.Dark));
    }

    [Fact]
    public void An_unknown_name_is_named_with_the_expected_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Table().Parse("dim"));
        Assert.StartsWith("Unknown shade 'dim'. Expected one of: light, dark-mode.", error.Message);
    }

    [Fact]
    public void A_name_added_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => new NameTable<int>("number").Add("one", 1).Add("uno", 2, "ONE"));
}
