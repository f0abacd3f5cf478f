using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace ModelZoo.NotebookRunner;

/// <summary>
/// Runs a notebook's cells in order in one C# kernel (the real <see cref="CSharpKernel"/>, with <c>#r "nuget:"</c>
/// and <c>#i</c> support), with the notebook's folder as the working directory, as a notebook editor does.
/// Markdown cells are skipped; any failing cell stops the run with a <see cref="NotebookCellException"/>.
/// </summary>
public static class NotebookExecutor
{
    /// <summary>The notebook metadata entry that records the parameter overrides its stored outputs were made with
    /// ("name=expr; ..."); absent when they come from the notebook's own parameters (a full run).</summary>
    public const string OverridesMetadataKey = "modelzoo_parameter_overrides";

    /// <summary>Runs <paramref name="path"/>; with <see cref="NotebookRunOptions.WriteOutputs"/> the outputs replace
    /// the stored ones (only when every cell succeeded).</summary>
    public static async Task<NotebookResult> RunAsync(string path, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        InteractiveDocument document = NotebookFile.Read(path);
        int? parametersIndex = ParametersCell.Find(document);
        string overrides = ParametersCell.OverrideCode(path, parametersIndex is int p ? document.Elements[p] : null, options.Parameters);

        string previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var total = Stopwatch.StartNew();
        var cells = new List<CellResult>();
        IReadOnlyList<Microsoft.CodeAnalysis.MetadataReference> references = Array.Empty<Microsoft.CodeAnalysis.MetadataReference>();
        try
        {
            using CompositeKernel kernel = CreateKernel();
            int executionOrder = 0;
            for (int i = 0; i < document.Elements.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                InteractiveDocumentElement cell = document.Elements[i];
                if (cell.KernelName == "markdown") continue;
                if (cell.KernelName != "csharp")
                    throw new NotebookCellException(path, i + 1, $"the cell's kernel is '{cell.KernelName}'; the runner runs C# and Markdown cells only.");
                var watch = Stopwatch.StartNew();
                KernelCommandResult result = await kernel.SendAsync(new SubmitCode(cell.Contents, "csharp"), cancellationToken);
                ThrowOnFailure(path, i + 1, result);
                cell.ExecutionOrder = ++executionOrder;
                cell.Outputs.Clear();
                cell.Outputs.AddRange(CellOutputs.From(result.Events, executionOrder));
                if (i == parametersIndex && overrides.Length > 0)
                {
                    options.Log?.WriteLine($"  parameters: {overrides.Replace('\n', ' ')}");
                    ThrowOnFailure(path, i + 1, await kernel.SendAsync(new SubmitCode(overrides, "csharp"), cancellationToken), "parameter override ");
                }
                cells.Add(new CellResult(i + 1, watch.Elapsed, cell.Outputs.Count));
                options.Log?.WriteLine($"  cell {i + 1,2}: {watch.Elapsed.TotalSeconds,6:0.0} s  {FirstLine(cell.Contents)}");
            }
            if (kernel.ChildKernels.OfType<CSharpKernel>().Single().ScriptState is { } state)
                references = state.Script.GetCompilation().References.ToArray();
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
        if (options.WriteOutputs)
        {
            // Outputs made with overridden parameters (e.g. CI's small ones) say so in the notebook's metadata; a run with
            // the notebook's own parameters removes the mark, so the committed notebooks can be checked for full-run outputs.
            if (options.Parameters.Count > 0)
                document.Metadata[OverridesMetadataKey] = string.Join("; ", options.Parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
            else
                document.Metadata.Remove(OverridesMetadataKey);
            NotebookFile.Write(document, path);
        }
        return new NotebookResult(path, cells, total.Elapsed, references);
    }

    /// <summary>A composite kernel holding one C# kernel with the kernel helpers (<c>display</c>) and NuGet directives.</summary>
    public static CompositeKernel CreateKernel()
    {
        CSharpKernel csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseNugetDirective((kernel, references) =>
            {
                PackageAssemblyResolver.Register(references);
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            }, false);
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    private static void ThrowOnFailure(string path, int cell, KernelCommandResult result, string what = "")
    {
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is not { } failed) return;
        string details = failed.Exception?.ToString() ?? failed.Message;
        string message = failed.Exception is { } ex && ex.GetType().Name != "CodeSubmissionCompilationErrorException"
            ? $"{ex.GetType().FullName}: {ex.Message}"
            : failed.Message;
        throw new NotebookCellException(path, cell, what + FirstLine(message), details);
    }

    private static string FirstLine(string text)
    {
        string line = text.TrimStart().Split('\n')[0].TrimEnd('\r');
        return line.Length > 240 ? line[..240] + "…" : line;
    }
}
