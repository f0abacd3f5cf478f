namespace ModelZoo.Interactive;

/// <summary>HTML escaping for the formatters.</summary>
internal static class Html
{
    public static string Encode(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");
}
