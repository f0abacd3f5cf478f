namespace ModelZoo.Models.Layout;

/// <summary>The names of <see cref="MemoryFormat"/> used by the command line: auto, channels-last, contiguous.</summary>
public static class MemoryFormatNames
{
    public static IReadOnlyList<string> Names { get; } = new[] { "auto", "channels-last", "contiguous" };

    public static MemoryFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant().Replace('_', '-') switch
        {
            "auto" => MemoryFormat.Auto,
            "channels-last" or "nhwc" => MemoryFormat.ChannelsLast,
            "contiguous" or "nchw" => MemoryFormat.Contiguous,
            _ => throw new ArgumentException($"Unknown memory format '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    public static string ToName(MemoryFormat format) => format switch
    {
        MemoryFormat.Auto => "auto",
        MemoryFormat.ChannelsLast => "channels-last",
        MemoryFormat.Contiguous => "contiguous",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown memory format."),
    };
}
