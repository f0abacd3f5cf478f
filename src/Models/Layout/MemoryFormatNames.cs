namespace ModelZoo.Models.Layout;

/// <summary>The names of <see cref="MemoryFormat"/> used by the command line: auto, channels-last, contiguous.</summary>
public static class MemoryFormatNames
{
    private static readonly NameTable<MemoryFormat> s_table = new NameTable<MemoryFormat>("memory format")
        .Add("auto", MemoryFormat.Auto)
        .Add("channels-last", MemoryFormat.ChannelsLast, "nhwc")
        .Add("contiguous", MemoryFormat.Contiguous, "nchw");

    public static IReadOnlyList<string> Names { get; } = s_table.Names;

    public static MemoryFormat Parse(string name) => s_table.Parse(name);

    public static string ToName(MemoryFormat format) => s_table.ToName(format);
}
