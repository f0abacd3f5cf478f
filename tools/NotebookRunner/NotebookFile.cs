using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace ModelZoo.NotebookRunner;

/// <summary>Reads and writes .ipynb files with the .NET Interactive document model (C# and Markdown cells).</summary>
public static class NotebookFile
{
    /// <summary>The kernels a ModelZoo notebook may use.</summary>
    public static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", new[] { "c#", "C#", "cs" }),
            new KernelInfo("markdown", "Markdown", new[] { "md" }),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>Parses <paramref name="path"/>; a file that is not a notebook is a one-line error naming it.</summary>
    public static InteractiveDocument Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook not found: {path}", path);
        try
        {
            return Notebook.Parse(File.ReadAllText(path), Kernels());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path} is not a Jupyter notebook (.ipynb JSON): {e.Message}", e);
        }
    }

    /// <summary>The notebook as .ipynb JSON: cells get stable ids (nbformat 4.5) and the writer's own kernel list
    /// is kept out of the notebook metadata, so a run changes only what the cells produced.</summary>
    public static string ToJson(InteractiveDocument document)
    {
        for (int i = 0; i < document.Elements.Count; i++)
            document.Elements[i].Id ??= $"cell-{i + 1:D2}";
        using var stream = new MemoryStream();
        Notebook.Write(document, stream, Kernels());
        JsonNode root = JsonNode.Parse(Encoding.UTF8.GetString(stream.ToArray()))!;
        (root["metadata"] as JsonObject)?.Remove("kernelInfo");
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Writes the notebook to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public static void Write(InteractiveDocument document, string path) => AtomicWrite(path, ToJson(document));

    internal static void AtomicWrite(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
