using System.Text.Json.Nodes;

namespace ModelZoo.Notebooks.Tests;

/// <summary>Writes small .ipynb files for the runner tests: cells given as ("md" | "cs", source).</summary>
internal static class TestNotebook
{
    public static string Write(string path, params (string Kind, string Source)[] cells)
    {
        var array = new JsonArray();
        foreach ((string kind, string source) in cells)
        {
            string[] split = source.Split('\n');
            var lines = new JsonArray(split.Select((l, i) => (JsonNode)JsonValue.Create(i < split.Length - 1 ? l + "\n" : l)!).ToArray());
            var cell = new JsonObject
            {
                ["cell_type"] = kind == "md" ? "markdown" : "code",
                ["metadata"] = kind == "md" ? new JsonObject() : new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["source"] = lines,
            };
            if (kind != "md")
            {
                cell["execution_count"] = null;
                cell["outputs"] = new JsonArray();
            }
            array.Add(cell);
        }
        var notebook = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
