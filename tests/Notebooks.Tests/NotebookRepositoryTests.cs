using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using ModelZoo.NotebookRunner;

namespace ModelZoo.Notebooks.Tests;

/// <summary>The committed notebooks, samples and package list agree with the code: each notebook is a .NET
/// Interactive C# notebook with a reference cell and a parameters cell, references the current package version,
/// has its current file-based export in samples/ and that export compiles against the current assemblies, and holds the
/// outputs of one full run (every code cell executed in order, no parameter overrides); every library under src/ is in
/// the package list.</summary>
public sealed class NotebookRepositoryTests
{
    public static IEnumerable<object[]> Notebooks() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).Select(p => new object[] { Path.GetFileName(p) });

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Each_notebook_is_a_csharp_notebook_with_a_reference_cell_and_a_parameters_cell_on_the_current_version(string notebook)
    {
        string path = Path.Combine(RepoPaths.Root, "notebooks", notebook);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(".net-csharp", json.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        var doc = NotebookFile.Read(path);
        var code = doc.Elements.Where(e => e.KernelName == "csharp").ToArray();
        Assert.Contains("#r \"nuget: ModelZoo.", code[0].Contents);
        Assert.NotNull(ParametersCell.Find(doc));
        string version = CurrentVersion();
        foreach (Match m in Regex.Matches(File.ReadAllText(path), @"nuget: (ModelZoo\.[A-Za-z.]+), ([^\\""]+)"))
            Assert.True(m.Groups[2].Value == (m.Groups[1].Value == "ModelZoo.Interactive" ? version + "-preview" : version),
                $"{notebook} references {m.Groups[1].Value} {m.Groups[2].Value}; the packages are {version} (build/Packaging.props)");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Each_notebook_has_its_current_file_based_export_and_it_compiles(string notebook)
    {
        string name = "notebooks/" + notebook, sample = "samples/" + Path.ChangeExtension(notebook, ".cs");
        string expected = SampleExporter.Export(NotebookFile.Read(Path.Combine(RepoPaths.Root, name)), name, sample, RepoPaths.Root);
        string path = Path.Combine(RepoPaths.Root, sample);
        Assert.True(File.Exists(path) && File.ReadAllText(path).Replace("\r\n", "\n") == expected,
            $"{sample} is not the current export of {name}; run: dotnet run --project tools/NotebookRunner -c Release -- export {name}");

        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !p.StartsWith(runtime, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        IReadOnlyList<string> problems = SampleCompiler.Check(expected, sample, references);
        Assert.True(problems.Count == 0, $"{sample} does not compile against the current code:\n{string.Join("\n", problems)}");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Each_committed_notebook_holds_the_outputs_of_a_full_run(string notebook)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "notebooks", notebook)));
        Assert.False(json.RootElement.GetProperty("metadata").TryGetProperty(NotebookExecutor.OverridesMetadataKey, out JsonElement overrides),
            $"{notebook} holds outputs made with overridden parameters ({overrides}); run: dotnet run --project tools/NotebookRunner -c Release -- update notebooks/{notebook}");
        JsonElement[] code = json.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToArray();
        int[] counts = code.Select(c => c.TryGetProperty("execution_count", out JsonElement n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0).ToArray();
        Assert.True(counts.SequenceEqual(Enumerable.Range(1, code.Length)),
            $"{notebook}: the code cells' execution counts are [{string.Join(", ", counts)}], not 1 … {code.Length} from one run top to bottom; run the update command above");
        Assert.DoesNotContain(code.SelectMany(c => c.GetProperty("outputs").EnumerateArray()), o => o.GetProperty("output_type").GetString() == "error");
    }

    [Fact]
    public void The_package_list_holds_every_library_under_src()
    {
        using JsonDocument slnf = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "build", "Packages.slnf")));
        var listed = slnf.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => p.GetString()!.Replace('\\', '/')).ToHashSet();
        var libraries = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !File.ReadAllText(p).Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'))
            .ToArray();
        Assert.NotEmpty(libraries);
        foreach (string library in libraries)
            Assert.True(listed.Contains(library), $"build/Packages.slnf does not list {library}; every library under src/ is a package");
        foreach (string library in libraries)
            Assert.Contains("<Description>", File.ReadAllText(Path.Combine(RepoPaths.Root, library)));
    }

    private static string CurrentVersion() =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "build", "Packaging.props")).Descendants("ModelZooVersion").Single().Value;
}
