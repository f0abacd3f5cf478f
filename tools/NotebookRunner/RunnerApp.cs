using System.Diagnostics;

namespace ModelZoo.NotebookRunner;

/// <summary>Carries out a <see cref="RunnerCommand"/>: runs, updates or exports each notebook and reports one line per
/// notebook and a closing summary. Exit code 0 when every notebook succeeded, 1 otherwise, 2 for bad input.</summary>
public sealed class RunnerApp(RunnerCommand command, string root, TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (command.RefreshPackages)
            foreach (string folder in PackageCache.Refresh())
                output.WriteLine($"notebook-runner: removed the extracted package {folder} (NuGet would not replace it)");
        var total = Stopwatch.StartNew();
        int failed = 0;
        foreach (string notebook in command.Notebooks)
        {
            string name = Path.GetRelativePath(root, Path.GetFullPath(notebook)).Replace('\\', '/');
            string sample = "samples/" + Path.GetFileNameWithoutExtension(notebook) + ".cs";
            try
            {
                if (command.Verb == "export")
                {
                    WriteSample(notebook, name, sample);
                    output.WriteLine($"notebook-runner: wrote {sample}");
                    continue;
                }
                output.WriteLine($"notebook-runner: {command.Verb} {name}");
                var options = new NotebookRunOptions { Parameters = command.ParametersFor(notebook), WriteOutputs = command.Verb == "update", Log = output };
                NotebookResult result = await NotebookExecutor.RunAsync(notebook, options, cancellationToken);
                if (!command.NoSamples) CheckOrWriteSample(notebook, name, sample, result);
                output.WriteLine($"notebook-runner: {name}: {result.Cells.Count} code cells ran in {result.Duration.TotalSeconds:0.0} s" +
                                 (command.Verb == "update" ? $"; outputs written{(command.NoSamples ? "" : ", " + sample + " written")}" : ""));
            }
            catch (NotebookCellException e)
            {
                failed++;
                error.WriteLine($"notebook-runner: {name}: cell {e.Cell} failed: {e.Error}");
                if (e.Details != e.Error) error.WriteLine(Indent(e.Details));
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or FileNotFoundException)
            {
                failed++;
                error.WriteLine($"notebook-runner: {e.Message}");
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        if (command.Verb != "export")
            output.WriteLine($"notebooks: {command.Notebooks.Count - failed} passed, {failed} failed ({total.Elapsed.TotalSeconds:0} s)");
        return failed == 0 ? 0 : 1;
    }

    private void WriteSample(string notebook, string name, string sample)
    {
        string text = SampleExporter.Export(NotebookFile.Read(notebook), name, sample, root);
        Directory.CreateDirectory(Path.Combine(root, "samples"));
        NotebookFile.AtomicWrite(Path.Combine(root, sample), text);
    }

    private void CheckOrWriteSample(string notebook, string name, string sample, NotebookResult result)
    {
        string text = SampleExporter.Export(NotebookFile.Read(notebook), name, sample, root);
        IReadOnlyList<string> problems = SampleCompiler.Check(text, sample, result.References);
        if (problems.Count > 0)
            throw new InvalidDataException($"{sample} (exported from {name}) does not compile:\n{Indent(string.Join("\n", problems))}");
        string path = Path.Combine(root, sample);
        if (command.Verb == "update")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            NotebookFile.AtomicWrite(path, text);
        }
        else if (!File.Exists(path) || File.ReadAllText(path).Replace("\r\n", "\n") != text)
            throw new InvalidDataException($"{sample} is not the current export of {name}; run: dotnet run --project tools/NotebookRunner -c Release -- export {name}");
    }

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "    " + l));
}
