namespace ModelZoo.Core.Tests.Architecture;

/// <summary>The projects of src/ depend on each other only as <see cref="ProjectGraph.Allowed"/> says, and none
/// compiles another project's files.</summary>
public sealed class ProjectGraphTests
{
    [Fact]
    public void The_projects_of_src_reference_only_what_the_graph_allows()
    {
        string src = Path.Combine(RepoPaths.Root, "src");
        Assert.Superset(new HashSet<string> { "Cli", "Core", "Data", "Models", "Training" }, ProjectGraph.Projects(src).ToHashSet());
        Assert.Empty(ProjectGraph.Violations(src));
    }

    [Fact]
    public void The_check_reports_forbidden_references_foreign_sources_core_packages_and_unknown_projects()
    {
        using TempDir dir = RepoPaths.NewTempDir();
        void Project(string name, string items)
        {
            Directory.CreateDirectory(dir.File(Path.Combine("src", name)));
            File.WriteAllText(dir.File(Path.Combine("src", name, $"ModelZoo.{name}.csproj")),
                $"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>{items}</ItemGroup></Project>");
        }
        Project("Core", "<PackageReference Include=\"TorchSharp\" /><PackageReference Include=\"SkiaSharp\" />");
        Project("Models", "<ProjectReference Include=\"../Core/ModelZoo.Core.csproj\" /><Compile Include=\"Extra/*.cs\" />");
        Project("Data", "<ProjectReference Include=\"..\\Models\\ModelZoo.Models.csproj\" /><Compile Include=\"../Models/IO/Download/*.cs\" Link=\"IO/%(Filename)\" />");
        Project("Cam", "<ProjectReference Include=\"../Training/ModelZoo.Training.csproj\" /><ProjectReference Include=\"../Data/ModelZoo.Data.csproj\" />");
        Project("Onnx", "<ProjectReference Include=\"../../tests/Shared/Helpers.csproj\" />");
        Project("Extra", "");

        Assert.Equal(new[]
        {
            "src/Cam/ModelZoo.Cam.csproj: Cam references Training, which it must not (allowed: Core, Models, Data).",
            "src/Core/ModelZoo.Core.csproj: Core references package SkiaSharp; it may reference TorchSharp only.",
            "src/Data/ModelZoo.Data.csproj: Data references Models, which it must not (allowed: Core).",
            "src/Data/ModelZoo.Data.csproj: compiles ../Models/IO/Download/*.cs, source files outside its own folder; reference the project that owns them instead.",
            "src/Extra/ModelZoo.Extra.csproj: project 'Extra' has no rule; add it to ProjectGraph.Allowed (and shared/STYLE.md).",
            "src/Onnx/ModelZoo.Onnx.csproj: references ../../tests/Shared/Helpers.csproj, which is not a project of src/.",
        }, ProjectGraph.Violations(dir.File("src")));
    }
}
